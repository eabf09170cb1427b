"""The one exception family the CLI catches and turns into a one-line message and exit 2."""


class FactcheckError(Exception):
    """Base for every error a user can cause and fix."""


class InputError(FactcheckError):
    """A path that does not exist, or nothing readable in it."""


class ConfigError(FactcheckError):
    """A config file that cannot be read or holds an unknown key."""


class LedgerError(FactcheckError):
    """A decisions file that cannot be read, or a decision that cannot be made."""


class OutputError(FactcheckError):
    """A report path that cannot be written (a folder, a file where a folder should be, no access)."""
