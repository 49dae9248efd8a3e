"""One module per API noun; each holds the sync resource and its async twin."""
