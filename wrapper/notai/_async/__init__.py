"""The SDK's code written once, as async code; `make generate` writes its sync twin, `notai._sync`, from it.

Each module here is the source of the module of the same path under `_sync/`
(templates/sync_twins.py, unasync): edit these, never the generated ones. Docstrings are copied
as written, so they are worded for both clients.
"""
