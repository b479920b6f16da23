"""One module per optimizer rule; each exports one function named like the module."""
