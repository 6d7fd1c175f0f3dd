"""The glossary readers' one error, in a module of its own: a run that catches it (every
``check``) need not import the readers."""


class GlossaryError(Exception):
    """A glossary file that cannot be read; the message is one line naming file and line."""
