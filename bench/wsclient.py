"""A headless Streamlit session: Streamlit's own WebSocket protocol (the protobuf
BackMsg/ForwardMsg of the installed Streamlit) without a browser, for load tests that
measure the *server*. It signs in through the real sign-in form (the widgets found by
their labels in what the server sent), switches pages as the sidebar does, and times
each run from the request to the server's `script_finished`.

What a browser adds and this does not: drawing (the map's Leaflet), and the component
values a drawn map sends back (st_folium's view), which cost the server one more short
run per map. So this measures the server's side of a page load, the part more app
processes can share out.
"""

from __future__ import annotations

import time
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


class Session:
    def __init__(self, url: str) -> None:
        self.http = url.rstrip("/")
        self.ws_url = "ws" + self.http[4:] + "/_stcore/stream"
        self.ws: Any = None
        self.pages: dict[str, str] = {}  # page name (and url path) -> script hash
        self.widgets: dict[str, tuple[str, str]] = {}  # label -> (kind, id)
        self.elements = 0
        self.bytes = 0

    async def connect(self, cookie: str | None = None) -> None:
        headers = {"Cookie": cookie} if cookie else None
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.http, max_size=None,  # type: ignore[list-item,arg-type]
            additional_headers=headers, ping_interval=None, open_timeout=60,
        )  # fmt: skip

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _seen(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            for page in msg.navigation.app_pages:
                self.pages[page.page_name] = page.page_script_hash
                self.pages[page.url_pathname] = page.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self.elements += 1
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            widget = getattr(element, what, None) if what else None
            if widget is not None and hasattr(widget, "id") and hasattr(widget, "label"):
                self.widgets[widget.label] = (what or "", widget.id)

    async def run(self, page: str | None = None, states: list[Any] | None = None) -> float:
        """One rerun (of `page`, by name or url path, when given), with these widget
        states; the seconds until the server finished the script (and any rerun it asked
        for itself)."""
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = ""
        if page is not None:
            rerun.page_script_hash = self.pages[page]
        for state in states or []:
            rerun.widget_states.widgets.append(state)
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        while True:
            raw = await self.ws.recv()
            self.bytes += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            self._seen(msg)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE:
                return time.perf_counter() - start

    async def sign_in(self, username: str, password: str) -> float:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        await self.run()
        states = []
        for label, value in (("Nama pengguna", username), ("Kata sandi", password)):
            state = WidgetState(id=self.widgets[label][1])
            state.string_value = value
            states.append(state)
        states.append(WidgetState(id=self.widgets["Masuk"][1], trigger_value=True))
        return await self.run(states=states)
