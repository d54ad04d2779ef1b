"""One module per screen or modal form, each with its .tcss beside it."""
