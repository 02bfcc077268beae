"""Training of reportedly's small shipped models (``reportedly train ...``).

Each trainer is a plain function ``train(data_dir, output_dir, seed=0) -> dict`` that the CLI
veneer in ``reportedly/commands/`` calls; it never prints and returns a summary.
"""
