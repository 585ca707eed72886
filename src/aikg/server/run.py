"""Start the server: validate the data, prepare the store, start the workers, serve with uvicorn."""

from __future__ import annotations

import functools
import logging
import sys

from aikg.errors import AikgError, ExitStatus

__all__ = ["DataDoesNotConform", "serve", "prepare"]

logger = logging.getLogger("aikg.server")
# Imported once in the fork server, so that no worker pays for them on its first request: what the
# jobs read, and what a resource page imports when it describes money and quotes (networkx, rdflib).
PRELOAD = ("aikg.server.jobs", "aikg.server.pages_data", "aikg.network", "aikg.annotations")


class DataDoesNotConform(AikgError):
    """The data failed validation: the server refuses to serve it."""

    exit_status = ExitStatus.FAILED


def prepare(data: list[str] | None):
    """Validate the data (cached), build the store once, and read what the server needs to know."""
    from aikg.checked import validate_cached
    from aikg.query import list_queries
    from aikg.server.app import Dataset
    from aikg.store import open_store

    report = validate_cached(data)
    if not report.conforms:
        raise DataDoesNotConform(f"the data does not conform; nothing is served\n{report.format()}")
    store = open_store(data)
    graphs = frozenset(g.value for g in store.store.named_graphs())
    return Dataset(graphs, dict(store.prefixes), len(store), {q.name: q for q in list_queries()})


def serve(host: str, port: int, settings) -> None:
    """Serve until Ctrl-C (which uvicorn turns into a clean shutdown of the app and its workers)."""
    import uvicorn

    from aikg.server.app import RequestLog, create_app
    from aikg.server.jobs import setup
    from aikg.server.pool import WorkerLost, WorkerPool

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    dataset = prepare(settings.data)
    pool = WorkerPool(settings.workers, functools.partial(setup, settings.data), settings.memory,
                      preload=PRELOAD)
    try:
        pool.start()
    except WorkerLost as error:
        pool.close()
        raise AikgError(f"the query workers could not start: {error}") from None
    app = RequestLog(create_app(settings, dataset, pool))
    logger.info("serving %d triples in %d graphs at http://%s:%d/ (SPARQL endpoint: /sparql)",
                dataset.triples, len(dataset.graphs), host, port)
    # A request line and headers up to the body limit reach the application, which answers 414 beyond
    # its limit (h11 alone would cut the connection at 16 KiB).
    config = uvicorn.Config(app, host=host, port=port, access_log=False, log_config=None, lifespan="on",
                            timeout_graceful_shutdown=2, http="h11", loop="auto",
                            h11_max_incomplete_event_size=settings.max_request_bytes + 64 * 1024)
    server = uvicorn.Server(config)
    try:
        server.run()
    except (OSError, SystemExit):  # uvicorn exits when the port is taken or the host cannot be bound
        raise AikgError(f"cannot listen on {host}:{port} (is the port taken, or the host not this machine's?)") from None
    finally:
        pool.close()
