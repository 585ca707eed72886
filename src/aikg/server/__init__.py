"""``aikg serve``: the graph over HTTP, read-only.

- ``app``: the Starlette routes (SPARQL 1.1 Protocol, named queries, pages, editor);
- ``protocol``: reading protocol requests strictly; ``formats``: content negotiation and result formats;
- ``pool``: worker processes that run the queries and are killed at the time limit;
- ``jobs`` and ``pages_data``: the work done inside a worker; ``pages``: HTML and the service description;
- ``run``: validate, start the workers, serve with uvicorn.
"""
