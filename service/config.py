"""One configuration object, read from the environment (see .env.example)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        raise ValueError(f"{name} must be 1 or 0 (true/false), got {raw!r}")
    return value in ("1", "true", "yes", "on")


def _fraction(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number between 0 and 1, got {raw!r}") from exc
    if not 0 <= value <= 1:
        raise ValueError(f"{name} must be a number between 0 and 1, got {raw!r}")
    return value


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number of seconds, got {raw!r}") from exc
    if not 0 < value < float("inf"):
        raise ValueError(f"{name} must be a positive number of seconds, got {raw!r}")
    return value


def load_dotenv_file(path: str = ".env") -> bool:
    """Read `.env` in the working directory when there is one (as .env.example says); the environment wins."""
    if not os.path.isfile(path):
        return False
    from dotenv import load_dotenv
    return load_dotenv(path, override=False)


@dataclass
class Config:
    # libpq URL. serve, migrate and load exit when it is empty; only `eventsvc up` then starts an
    # embedded PostgreSQL (in EMBEDDED_PG_DIR)
    DATABASE_URL: str = ""
    # connections kept by each process's pool
    DB_POOL_MIN: int = 1
    DB_POOL_MAX: int = 10
    # seconds (fractions allowed) a request waits for a free connection before answering 503; while the
    # database is down requests get their 503 at once (service/db.py)
    DB_POOL_TIMEOUT: float = 2.0
    # milliseconds one SQL statement may run before it is cancelled (the client gets a 503)
    DB_STATEMENT_TIMEOUT_MS: int = 30000
    # largest `limit` a client may ask for on paged lists
    PAGE_MAX: int = 5000
    # `limit` when none is given
    PAGE_DEFAULT: int = 100
    # where `eventsvc up` keeps its embedded PostgreSQL data (survives restarts)
    EMBEDDED_PG_DIR: str = ".eventsvc/pgdata"
    # where the seed articles and their manifest live (`eventsvc load`, `eventsvc up`)
    SEEDS_DIR: str = "seeds"
    # extracted events less confident than this (0..1) wait in GET /events?review=pending until reviewed
    REVIEW_CONFIDENCE_THRESHOLD: float = 0.8
    # reads (GET) need a key of scope read or more too; writes always need one (write; DELETE: admin)
    REQUIRE_READ_KEY: bool = False
    # writes one API key may make per minute (429 with Retry-After beyond); 0 for no limit
    WRITE_RATE_LIMIT: int = 600
    # largest request body accepted, in bytes (413 before the body is read)
    MAX_BODY_BYTES: int = 2_000_000
    # processes per web worker that code posted articles (0: in the request thread)
    EXTRACT_PROCESSES: int = 1
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> "Config":
        cfg = cls(
            DATABASE_URL=os.environ.get("DATABASE_URL", ""),
            DB_POOL_MIN=_int("DB_POOL_MIN", cls.DB_POOL_MIN),
            DB_POOL_MAX=_int("DB_POOL_MAX", cls.DB_POOL_MAX),
            DB_POOL_TIMEOUT=_seconds("DB_POOL_TIMEOUT", cls.DB_POOL_TIMEOUT),
            DB_STATEMENT_TIMEOUT_MS=_int("DB_STATEMENT_TIMEOUT_MS", cls.DB_STATEMENT_TIMEOUT_MS),
            PAGE_MAX=_int("PAGE_MAX", cls.PAGE_MAX),
            PAGE_DEFAULT=_int("PAGE_DEFAULT", cls.PAGE_DEFAULT),
            EMBEDDED_PG_DIR=os.environ.get("EMBEDDED_PG_DIR", cls.EMBEDDED_PG_DIR),
            SEEDS_DIR=os.environ.get("SEEDS_DIR", cls.SEEDS_DIR),
            REVIEW_CONFIDENCE_THRESHOLD=_fraction("REVIEW_CONFIDENCE_THRESHOLD", cls.REVIEW_CONFIDENCE_THRESHOLD),
            REQUIRE_READ_KEY=_flag("REQUIRE_READ_KEY", cls.REQUIRE_READ_KEY),
            WRITE_RATE_LIMIT=_int("WRITE_RATE_LIMIT", cls.WRITE_RATE_LIMIT),
            MAX_BODY_BYTES=_int("MAX_BODY_BYTES", cls.MAX_BODY_BYTES),
            EXTRACT_PROCESSES=_int("EXTRACT_PROCESSES", cls.EXTRACT_PROCESSES),
        )
        for key, value in overrides.items():
            setattr(cfg, key, value)
        return cfg

    @classmethod
    def option_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name != "extra"]
