"""The one confirmation of the commands that destroy data (``--yes``).

``db restore``, ``municipality delete-round``, ``municipality purge`` and ``person erase``
change or remove data that cannot be brought back without a backup. Each asks through
:func:`confirm` before it connects to anything:

- with ``--yes`` it goes ahead;
- on a terminal it asks, and anything but yes changes nothing;
- without a terminal (a script, cron, a pipe) there is no one to ask, so it refuses with exit
  status 2 and says to pass ``--yes``: a script must say what it means.

It lives at the bottom layer (it imports nothing of netkart), so every pillar's CLI may use it.
"""

from __future__ import annotations

import sys

__all__ = ["NotConfirmed", "confirm"]

_YES = frozenset({"y", "yes", "j", "ja"})


class NotConfirmed(ValueError):
    """The user did not confirm; nothing was changed (a user error: exit status 2)."""


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, OSError, ValueError):  # a closed or replaced stream cannot ask
        return False


def confirm(consequence: str, *, yes: bool) -> None:
    """Go ahead when ``yes`` or when the user answers yes on the terminal.

    Parameters
    ----------
    consequence : str
        What the command does, as a clause: "this deletes every fact of Fjordvik 2013".
    yes : bool
        The command's ``--yes``.

    Raises
    ------
    NotConfirmed
        Without ``--yes`` and without a terminal, or when the answer is not yes.
    """
    if yes:
        return
    if not _interactive():
        raise NotConfirmed(f"{consequence}; run again with --yes to do it")
    print(f"{consequence[:1].upper()}{consequence[1:]}. Go ahead? [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if answer.strip().casefold() not in _YES:
        raise NotConfirmed("not confirmed; nothing was changed")
