"""The resources of the clients, `client.sessions` and the rest (public at `notai.resources.*`)."""
