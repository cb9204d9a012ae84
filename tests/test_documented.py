"""The README documents every environment variable the settings read and every
command and option of the command line (as git-history tests its own): a new
option without documentation fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from flows.cli import app
from flows.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text()
COMMANDS = typer.main.get_command(app).commands


def reference(command: str) -> str:
    """The command's section of the README's command-line reference."""
    match = re.search(rf"^### losses {command}\n(.*?)(?=^##)", README, re.M | re.S)
    assert match, f"the README has no '### losses {command}' section"
    return match.group(1)


@pytest.mark.parametrize("variable", Settings.variables())
def test_every_variable_is_documented(variable):
    assert f"`{variable}`" in README, f"{variable} is not in the README"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_and_option_is_documented(command):
    text = reference(command)
    options = [
        option
        for param in COMMANDS[command].params
        for option in [*param.opts, *param.secondary_opts]
        if option.startswith("-") and option != "--help"
    ]
    undocumented = [o for o in options if not re.search(rf"[`/]{re.escape(o)}[`/ ]", text)]
    assert not undocumented, f"losses {command}: {', '.join(undocumented)} not documented"


def test_the_reference_documents_no_command_that_is_gone():
    documented = re.findall(r"^### losses (\S+)", README, re.M)
    assert sorted(documented) == sorted(COMMANDS)
