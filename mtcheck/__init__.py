"""mtcheck: a machine-translation post-editing and quality checker."""

__version__ = "0.1.0"
