"""The SDK's code that has a sync and an async form, written once as async code.

`notai._async` holds the sources; `notai._sync` is generated from them, module for module, by
`make generate` (templates/sync_twins.py, unasync), and `make check-generated` fails when it is
edited by hand. Docstrings are copied as written, so they are worded for both clients.
"""
