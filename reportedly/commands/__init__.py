"""CLI veneers that component owners register on the lead's typer app (``register(app, train_app)``)."""
