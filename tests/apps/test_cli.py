"""The `mutuality` command: version, help, init and the management passthrough."""

import argparse
import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from mutuality import __version__
from mutuality.cli import main, parser

COMMANDS = [
    "serve",
    "analyse-queued",
    "demo",
    "init",
    "score",
    "instruments",
    "analyze",
    "empathy",
    "export",
    "audit",
    "backup",
    "keys",
    "retention",
    "restore",
    "manage",
]


def test_it_prints_its_version():
    out = subprocess.run(
        [sys.executable, "-m", "mutuality", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"mutuality {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_it_explains_every_command(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: mutuality {command}" in capsys.readouterr().out


def test_it_creates_a_clinician_without_prompting(db, capsys):
    code = main(
        [
            "init",
            "--no-input",
            "--username",
            "carmen",
            "--display-name",
            "Carmen Ruiz",
            "--practice",
            "Hillside",
            "--password",
            "a long pass phrase",
        ]
    )
    assert code == 0
    user = User.objects.get(username="carmen")
    assert user.clinician.practice.name == "Hillside"
    assert user.check_password("a long pass phrase")
    assert "Created clinician 'carmen'" in capsys.readouterr().out


def test_it_creates_the_practice_admin_first(db, capsys):
    argv = ["init", "--no-input", "--username=pia", "--display-name=Pia", "--practice=Hillside"]
    assert main([*argv, "--password=a long pass phrase", "--role=admin"]) == 0
    assert User.objects.get(username="pia").clinician.role == "admin"
    out = capsys.readouterr().out
    assert "Created practice admin 'pia'" in out
    assert "Two-factor sign-in is required" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--password", "a long pass phrase"],
            "--username, --display-name and --practice are needed",
        ),
        (
            [
                "--username",
                "dee",
                "--display-name",
                "Dee",
                "--practice",
                "P",
                "--password",
                "12345",
            ],
            "This password is too short",
        ),
        (
            ["--username", "dee", "--display-name", "Dee", "--practice", "P"],
            "--password (or MUTUALITY_INIT_PASSWORD) is needed",
        ),
    ],
)
def test_it_refuses_incomplete_or_weak_accounts(db, capsys, monkeypatch, argv, message):
    monkeypatch.delenv("MUTUALITY_INIT_PASSWORD", raising=False)
    assert main(["init", "--no-input", *argv]) == 2
    assert message in capsys.readouterr().err
    assert not User.objects.filter(username="dee").exists()


def test_it_refuses_a_taken_username(db, alice, capsys):
    argv = [
        "init",
        "--no-input",
        "--username",
        "alice",
        "--display-name",
        "A",
        "--practice",
        "P",
        "--password",
        "a long pass phrase",
    ]
    assert main(argv) == 2
    assert "the username 'alice' is taken" in capsys.readouterr().err


def test_it_passes_management_commands_through(db, capsys):
    assert main(["manage", "check"]) == 0
    assert "System check identified no issues" in capsys.readouterr().out


def test_it_documents_every_command_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    (sub,) = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(sub.choices) == set(COMMANDS)
    for command in COMMANDS:
        assert f"mutuality {command}" in readme, f"README does not mention 'mutuality {command}'"
    for env in (
        "MUTUALITY_DATA_DIR",
        "DATABASE_URL",
        "PORT",
        "MUTUALITY_SECRET_KEY",
        "MUTUALITY_TEST_POSTGRES",
    ):
        assert env in readme, f"README does not document {env}"
