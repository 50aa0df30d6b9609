"""Password hashing (scrypt via Werkzeug; old hashes are upgraded on the next sign-in)."""
from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

SCHEME = "scrypt"
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=SCHEME)


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    return not password_hash.startswith(SCHEME + ":")
