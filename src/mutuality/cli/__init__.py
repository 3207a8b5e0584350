"""The `mutuality` command.

Commands that touch the database set Django up; the rest call `core` directly.
"""

import argparse
import os
import sys
from collections.abc import Sequence

from mutuality import __version__
from mutuality.cli.analysis import cmd_analyze, cmd_empathy
from mutuality.cli.audit import cmd_audit_report, cmd_audit_verify
from mutuality.cli.backup import cmd_backup_create, cmd_backup_verify, cmd_restore
from mutuality.cli.keys import cmd_keys_new, cmd_keys_rotate
from mutuality.cli.measures import cmd_instruments, cmd_score
from mutuality.cli.practice import (
    DEMO_PASSWORD,
    cmd_analyse_queued,
    cmd_demo,
    cmd_init,
    cmd_manage,
    cmd_serve,
)
from mutuality.cli.record import cmd_export
from mutuality.cli.retention import cmd_retention_destroy, cmd_retention_list

__all__ = ["DEMO_PASSWORD", "main", "parser"]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mutuality",
        description="Mutuality: a local-first clinical workspace for Relational-Cultural Therapy.",
        epilog="Data lives in MUTUALITY_DATA_DIR (default ./var); DATABASE_URL selects PostgreSQL.",
    )
    p.add_argument("--version", action="version", version=f"mutuality {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_server_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
        )
        sp.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", "8000")),
            help="port to listen on (default $PORT or 8000)",
        )
        sp.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("MUTUALITY_WORKERS", "0")),
            help="worker processes (default $MUTUALITY_WORKERS, else one more than the cores)",
        )

    s = sub.add_parser("serve", help="migrate the database and serve the web app")
    add_server_options(s)
    s.set_defaults(func=cmd_serve)

    q = sub.add_parser(
        "analyse-queued",
        help="analyse queued transcripts until stopped (`serve` runs this beside its workers)",
        description="Analyses the transcripts uploads queued for the transformer model, one at "
        "a time, saving each analysis with its audit entry. `mutuality serve` and `mutuality "
        "demo` start one; run it alone only where the web app runs without them.",
    )
    q.set_defaults(func=cmd_analyse_queued)

    d = sub.add_parser("demo", help="load the synthetic demo practice (if empty) and serve it")
    add_server_options(d)
    d.add_argument("--no-serve", action="store_true", help="load the demo practice and exit")
    d.add_argument(
        "--clients",
        type=int,
        default=13,
        metavar="N",
        help="how many synthetic clients, 13 to 5000 (default 13, the stories; more follow "
        "the same stories under other names)",
    )
    d.add_argument(
        "--years",
        type=float,
        default=0,
        metavar="Y",
        help="years of weekly measures per client (default: the stories' eight months)",
    )
    d.set_defaults(func=cmd_demo)

    i = sub.add_parser("init", help="create the database and an account (clinician or admin)")
    i.add_argument("--username", help="login name of the clinician")
    i.add_argument("--display-name", help="the clinician's name as colleagues see it")
    i.add_argument("--practice", help="practice name (created if new)")
    i.add_argument("--password", help="password (prefer MUTUALITY_INIT_PASSWORD or the prompt)")
    i.add_argument("--staff", action="store_true", help="also allow the admin site")
    i.add_argument(
        "--role",
        choices=["clinician", "supervisor", "admin"],
        default="clinician",
        help="clinician (the default), supervisor, or admin: the practice admin, who adds "
        "the others and sees no clinical content",
    )
    i.add_argument(
        "--no-input", action="store_true", help="never prompt; fail if a value is missing"
    )
    i.set_defaults(func=cmd_init)

    sc = sub.add_parser(
        "score",
        help="score an instrument from answers or a CSV file, without the database",
        description="Score answers to an instrument. Prints JSON for --answers; writes CSV "
        "(or JSON lines) for --csv, one output row per input row.",
    )
    sc.add_argument(
        "instrument", help="instrument key, e.g. phq9 (see 'mutuality instruments list')"
    )
    given = sc.add_mutually_exclusive_group(required=True)
    given.add_argument(
        "--answers", help="answer codes in item order, e.g. 1,2,0,,3 (blank = unanswered)"
    )
    given.add_argument(
        "--csv",
        metavar="FILE",
        help="a CSV file with one row per administration, item keys as columns",
    )
    sc.add_argument(
        "--output", metavar="OUT", help="where to write the scored rows (default: standard output)"
    )
    sc.add_argument(
        "--format",
        choices=["csv", "json"],
        help="output format (default: from OUT's suffix, else csv)",
    )
    sc.set_defaults(func=cmd_score)

    ins = sub.add_parser(
        "instruments", help="list installed instruments or import a FHIR Questionnaire"
    )
    ins.add_argument("action", choices=["list", "import"], help="list, or import FILE.json")
    ins.add_argument("file", nargs="?", help="the FHIR R4 Questionnaire JSON file to import")
    ins.set_defaults(func=cmd_instruments)

    an = sub.add_parser(
        "analyze",
        help="analyse session transcripts on this machine (de-identified first)",
        description="Reads WebVTT, SRT, 'Name: text' plain text or JSON transcripts, "
        "de-identifies them and marks empathy, behaviour, disconnection and connection per "
        "utterance. Markers are evidence for a clinician, not judgements.",
    )
    an.add_argument("files", nargs="+", metavar="FILE")
    shape = an.add_mutually_exclusive_group()
    shape.add_argument(
        "--json", action="store_true", help="one JSON object per file: utterances and summary"
    )
    shape.add_argument("--csv", action="store_true", help="one CSV row per utterance")
    an.add_argument("--model", choices=["default", "transformer"], default="default")
    an.add_argument(
        "--clinician-name", action="append", default=[], help="a name the clinician appears under"
    )
    an.add_argument(
        "--client-name", action="append", default=[], help="a name the client appears under"
    )
    an.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes (default: every core)"
    )
    an.add_argument(
        "--dask",
        default="",
        metavar="SCHEDULER_ADDRESS",
        help="run on a Dask cluster instead (e.g. tcp://10.0.0.5:8786; needs mutuality[dask])",
    )
    an.set_defaults(func=cmd_analyze)

    em = sub.add_parser(
        "empathy",
        help="predict EPITOME empathy levels for a CSV of seeker and response posts",
        description="Reads columns seeker_post,response_post and writes the same rows plus "
        "emotional_reactions, interpretations, explorations (predicted levels 0-2).",
    )
    em.add_argument("input", metavar="INPUT.csv")
    em.add_argument("--output", required=True, metavar="OUT.csv")
    em.add_argument("--model", choices=["default", "transformer"], default="default")
    em.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes (default: every core)"
    )
    em.set_defaults(func=cmd_empathy)

    ex = sub.add_parser(
        "export",
        help="write a client's record as one FHIR R4 Bundle (private notes are never included)",
    )
    ex.add_argument("client_id", type=int, metavar="CLIENT_ID")
    ex.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    ex.add_argument(
        "--with-details",
        action="store_true",
        help="include date of birth, email and phone (default: the name or pseudonym only)",
    )
    ex.set_defaults(func=cmd_export)

    au = sub.add_parser("audit", help="check the audit trail or report a client's accesses")
    au_sub = au.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    av = au_sub.add_parser(
        "verify",
        help="walk the hash chain; exit 1 naming the first changed, removed or reordered entry",
    )
    av.set_defaults(func=cmd_audit_verify)
    ar = au_sub.add_parser("report", help="a client's access report (every entry) as CSV")
    ar.add_argument("client_id", type=int, metavar="CLIENT_ID")
    ar.set_defaults(func=cmd_audit_report)

    bk = sub.add_parser("backup", help="write or check an encrypted backup of the database")
    bk_sub = bk.add_subparsers(dest="backup_command", required=True, metavar="ACTION")
    bc = bk_sub.add_parser(
        "create", help="a consistent snapshot while the server runs, encrypted, with a checksum"
    )
    bc.add_argument("path", metavar="PATH")
    bc.set_defaults(func=cmd_backup_create)
    bv = bk_sub.add_parser("verify", help="check the checksum, every chunk and the snapshot")
    bv.add_argument("path", metavar="PATH")
    bv.set_defaults(func=cmd_backup_verify)
    rs = sub.add_parser(
        "restore", help="restore a backup into an empty data directory or PostgreSQL database"
    )
    rs.add_argument("path", metavar="PATH")
    rs.set_defaults(func=cmd_restore)

    ky = sub.add_parser("keys", help="rotate the encryption key, or print a new one")
    ky_sub = ky.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    kr = ky_sub.add_parser(
        "rotate",
        help="re-seal every stored value under a new key (stop the server first; resumable)",
    )
    kr.set_defaults(func=cmd_keys_rotate)
    kn = ky_sub.add_parser("new", help="print a new key (for a key kept in the environment)")
    kn.set_defaults(func=cmd_keys_new)

    rt = sub.add_parser("retention", help="closed records past their retention period")
    rt_sub = rt.add_subparsers(dest="retention_command", required=True, metavar="ACTION")
    rl = rt_sub.add_parser("list", help="closed records by number, and when each may be destroyed")
    rl.set_defaults(func=cmd_retention_list)
    rd = rt_sub.add_parser(
        "destroy", help="destroy a record past its retention period, leaving an audit entry"
    )
    rd.add_argument("client_id", type=int, metavar="CLIENT_ID")
    rd.add_argument("--yes", action="store_true", help="confirm: destruction cannot be undone")
    rd.set_defaults(func=cmd_retention_destroy)

    m = sub.add_parser("manage", help="run a Django management command, e.g. 'manage check'")
    m.add_argument("args", nargs=argparse.REMAINDER, help="the management command and its options")
    m.set_defaults(func=cmd_manage)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if (
        args.command == "init"
        and args.no_input
        and not (args.username and args.practice and args.display_name)
    ):
        print(
            "error: --username, --display-name and --practice are needed with --no-input",
            file=sys.stderr,
        )
        return 2
    result: int = args.func(args)
    return result
