"""More rows of the access matrix, one module per area, each defining ``ROWS`` with the
helpers of ``tests/access/expectations.py`` (``page``, ``api``, the persona sets)."""
