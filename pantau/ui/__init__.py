"""The only part of the core that imports streamlit: cached resources and the
pieces every page shares."""
