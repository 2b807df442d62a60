"""`extractor batch | watch | serve | export`: many documents, through the runners, the store and
the HTTP service (`extractor/service/`).
"""

from __future__ import annotations

import argparse
import signal
import socket
import sys

from extractor.cli.parser import out_folder, settings_from
from extractor.errors import DocumentsFailed, InputNotFound, TemporaryFailure, UsageError
from extractor.ingest.names import readable
from extractor.service.store import STORE_NAME
from extractor.settings import Settings


def _store_name(args: argparse.Namespace) -> str:
    from extractor.service.postgres import redacted  # noqa: PLC0415

    spec = getattr(args, "store", None) or Settings().store
    return redacted(spec) if spec else readable(args.out / STORE_NAME)


def cmd_batch(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # noqa: PLC0415

    from extractor.service.batch import run_batch  # noqa: PLC0415 - each command imports what it runs

    if min(args.workers or 1, args.recycle or 1, args.attempts) < 1:
        raise UsageError("--workers, --recycle and --attempts must be positive")
    if (args.address or args.shared) and args.engine != "ray":
        raise UsageError("--address and --shared are for --engine ray")
    out_folder(args.out)
    show = not args.no_progress and sys.stderr.isatty()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[pages]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, disable=not show, transient=False) as progress:
        summary = run_batch(
            args.inputs,
            args.out,
            settings_from(args),
            args.workers,
            args.retry_failed,
            recycle=args.recycle,
            progress=progress,
            attempts=args.attempts,
            engine=args.engine,
            address=args.address,
            shared=True if args.shared else None,
        )
    rate = summary.pages / summary.seconds if summary.seconds else 0.0
    print(
        f"batch: {summary.done} done, {summary.failed} failed, {summary.skipped} already done or failed before, "
        f"{summary.duplicates} duplicates; {summary.pages} pages in {summary.seconds:.1f} s ({rate:.1f} pages/s) "
        f"→ {readable(args.out)} (store {_store_name(args)})"
    )
    if summary.failed or summary.failed_before:
        for where, why in summary.failures[:20]:
            where, why = readable(where), readable(why)
            print(f"  failed: {why}" if why.startswith(("/", ".")) or where in why else f"  failed: {where}: {why}")
        reasons = ", ".join(f"{k} {n}" for k, n in summary.reasons.most_common())
        parts = [f"{summary.failed} document(s) failed ({reasons})"] if summary.failed else []
        parts += [f"{summary.failed_before} failed in an earlier run"] if summary.failed_before else []
        raise DocumentsFailed("; ".join(parts) + "; rerun with --retry-failed")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from extractor.service.watch import Watcher  # noqa: PLC0415 - each command imports what it runs

    if args.create and not args.inbox.exists():
        args.inbox.mkdir(parents=True)
    if not args.inbox.is_dir():
        raise InputNotFound("not a folder", path=str(args.inbox))
    if args.out.resolve() == args.inbox.resolve():
        raise UsageError("OUT must not be the watched folder")
    if min(args.workers, args.recycle, args.attempts) < 1 or min(args.settle, args.poll_interval) <= 0:
        raise UsageError("--workers, --recycle, --attempts, --settle and --poll-interval must be positive")
    watcher = Watcher(
        args.inbox,
        args.out,
        settings_from(args),
        workers=args.workers,
        poll=args.poll,
        settle=args.settle,
        recycle=args.recycle,
        attempts=args.attempts,
        retry_failed=args.retry_failed,
        poll_interval=args.poll_interval,
    )
    s = watcher.run(
        on_ready=lambda: print(
            f"watch: watching {readable(args.inbox)} → {readable(args.out)} (store {_store_name(args)})",
            flush=True,
        )
    )
    print(f"watch: stopped; {s.done} done, {s.failed} failed, {s.pages} pages this run")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 - each command imports what it runs

    from extractor.api.app import create_app  # noqa: PLC0415

    out_folder(args.out)
    if args.workers < 1 or not 0 < args.port < 65536:
        raise UsageError("--workers must be positive and --port between 1 and 65535")
    try:  # the socket first: a port in use is one line and exit 16, before anything starts
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except OSError as exc:
        raise TemporaryFailure(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from exc
    app = create_app(args.out, settings_from(args), workers=args.workers)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    print(f"serve: http://{args.host}:{args.port} (API at /docs, review at /review) → {readable(args.out)}", flush=True)
    # uvicorn stops gracefully on SIGTERM and Ctrl-C, then raises the signal again for the handler it
    # found: this one, so that the command ends as `watch` does, exit 0, not killed by the signal
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)
    uvicorn.Server(config).run(sockets=[sock])
    print("serve: stopped")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if not args.results.is_dir():
        raise InputNotFound("not a folder", path=str(args.results))
    from extractor.export.bundle import export  # noqa: PLC0415 - pandas and pyarrow only for `export` (0.5 s)

    dest, n = export(args.results, args.format, args.dest, store=args.store or Settings().store)
    print(f"export: {n} results → {dest}")
    return 0
