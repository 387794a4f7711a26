"""Export profiles: how a survey tool's export is read, as a small mapping file.

A profile names what ``netkart ingest`` would otherwise be told with options: the sheet, the
header row, the respondent column and columns to ignore (beyond the metadata columns every
tool adds, which are always ignored). Built-in profiles ship with the package
(``questback``, ``nettskjema``, ``surveyxact``); ``--save-profile FILE`` writes the options
of a run to a file that ``--profile FILE`` reads next round::

    {"tool": "questback", "sheet": "Data", "header_row": null,
     "respondent_column": "Navn", "ignore_columns": ["Invitasjonsgruppe"]}

Options given on the command line win over the profile's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from importlib import resources
from pathlib import Path

__all__ = ["BUILT_IN", "Profile", "ProfileError", "load_profile", "save_profile"]

#: Built-in profile names (files ``<name>.json`` in this package).
BUILT_IN = ("questback", "nettskjema", "surveyxact")


class ProfileError(ValueError):
    """A profile that cannot be found or read; the message names the known profiles."""


@dataclass(frozen=True)
class Profile:
    """The reading options of one survey tool's export."""

    tool: str
    sheet: str | None = None
    header_row: int | None = None
    respondent_column: str | None = None
    ignore_columns: tuple[str, ...] = ()


def load_profile(name_or_path: str | Path) -> Profile:
    """A built-in profile by name, or a profile file saved with :func:`save_profile`.

    Raises :class:`ProfileError` for an unknown name, a missing or malformed file, or an
    unknown key in it.
    """
    text = str(name_or_path)
    if text in BUILT_IN:
        content = resources.files(__name__).joinpath(f"{text}.json").read_text(encoding="utf-8")
        source = f"built-in profile {text!r}"
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise ProfileError(f"unknown profile {text!r}; expected one of {', '.join(BUILT_IN)} or a profile file")
        content, source = path.read_text(encoding="utf-8"), str(path)
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise ProfileError(f"{source}: not a profile ({error.msg} at line {error.lineno})") from None
    known = {field.name for field in fields(Profile)}
    if not isinstance(data, dict) or not set(data) <= known or "tool" not in data:
        unknown = sorted(set(data) - known) if isinstance(data, dict) else []
        raise ProfileError(
            f"{source}: not a profile (unknown keys {', '.join(unknown) or 'none'}); "
            f"expected a JSON object with 'tool' and any of {', '.join(sorted(known - {'tool'}))}"
        )
    return Profile(**{**data, "ignore_columns": tuple(data.get("ignore_columns") or ())})


def save_profile(profile: Profile, path: Path) -> None:
    """Write ``profile`` to ``path`` as JSON, for ``--profile FILE`` next round."""
    data = asdict(profile) | {"ignore_columns": list(profile.ignore_columns)}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
