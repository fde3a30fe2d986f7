"""Password hashing (bcrypt). Passwords are never stored or logged in plain text."""

from __future__ import annotations

import secrets

import bcrypt

DEFAULT_ROUNDS = 12


def hash_password(password: str, rounds: int = DEFAULT_ROUNDS) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


def bcrypt_cost(hashed: str) -> int:
    """The cost (log2 rounds) a bcrypt hash was made with: `$2b$12$...` -> 12."""
    try:
        return int(hashed.split("$")[2])
    except (IndexError, ValueError):
        return DEFAULT_ROUNDS


def one_time_password() -> str:
    """A readable random password for a reset, shown once."""
    return "-".join(secrets.token_hex(3) for _ in range(3))
