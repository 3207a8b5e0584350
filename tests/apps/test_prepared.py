"""Lookups built once (site.prepared) answer as the ORM does: the same fields, the related
rows and annotations they select, in one query, and nothing for someone else's record."""

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import example, given
from hypothesis import strategies as st

from mutuality.accounts.backends import USER, PasswordBackend
from mutuality.clients.access import OWN_CLIENT
from mutuality.clients.models import Client
from mutuality.measures.models import Administration
from mutuality.sessions.access import OWN_SESSION
from mutuality.sessions.models import TherapySession
from mutuality.site.prepared import PAGE_IDS, Prepared, json_document, page_of

pytestmark = pytest.mark.django_db


def values(obj: object) -> dict[str, object]:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}  # type: ignore[attr-defined]


def test_a_prepared_lookup_gives_the_instance_the_orm_gives(alice, alice_client):
    alice_client.date_of_birth = date(1990, 4, 2)  # sealed at rest, a date when opened
    alice_client.phone = "+44 20 7946 0000"
    alice_client.save()
    expected = Client.objects.get(pk=alice_client.pk)
    for _ in range(2):  # built on the first call, reused on the second
        found = OWN_CLIENT.first(alice.pk, alice_client.pk)
        assert found is not None
        assert values(found) == values(expected)
        assert found.date_of_birth == date(1990, 4, 2)
        assert found._state.db == "default"
        assert not found._state.adding


def test_it_finds_nothing_of_another_clinicians_record(alice, bob, alice_client):
    assert OWN_CLIENT.first(bob.pk, alice_client.pk) is None
    assert OWN_CLIENT.first(alice.pk, alice_client.pk + 1000) is None


def test_related_rows_and_annotations_come_in_its_one_query(alice, alice_client):
    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    with CaptureQueriesContext(connection) as captured:
        user = PasswordBackend().get_user(str(alice.pk))
        found = OWN_SESSION.first(alice.pk, session.pk)
        assert user is not None
        assert found is not None
        assert user.clinician.practice.name == "Test Practice"
        assert user.has_authenticator is False
        assert found.client.display_name == "Quinn"
    assert len(captured.captured_queries) == 2
    assert values(user) == values(User.objects.get(pk=alice.pk))


def test_a_user_id_that_is_not_a_number_is_no_one(alice):
    assert PasswordBackend().get_user("1 OR 1=1") is None
    assert USER.first(-5) is None


def test_a_placeholder_the_query_does_not_use_is_refused_at_once(alice):
    unused = Prepared(lambda pk, other: Client.objects.filter(pk=pk), -1, -2)
    with pytest.raises(AssertionError, match="placeholders"):
        unused.first(1, 2)


def test_it_binds_moments_and_days_and_gives_every_row(alice, alice_client):
    """A window of moments and a day as placeholders (adapted as the ORM adapts them: text on
    SQLite, as they are on PostgreSQL), every row as an instance or a values_list tuple."""
    from datetime import UTC, datetime, timedelta

    from mutuality.core.measures import built_in
    from mutuality.measures import actions
    from mutuality.measures.models import Administration
    from mutuality.site.prepared import SOMEDAY

    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    for days in (0, 1, 2, 5):
        actions.record_administration(
            client=alice_client, instrument=built_in("phq9"),
            answers={f"q{n}": 1 for n in range(1, 10)}, taken_at=start + timedelta(days=days),
            by=alice,
        )  # fmt: skip
    between = Prepared(
        lambda client, since, until: Administration.objects.filter(
            client_id=client, taken_at__gte=since, taken_at__lt=until
        ).order_by("taken_at"),
        -1,
        SOMEDAY,
        SOMEDAY + timedelta(days=1),
    )
    for since, until in ((start, start + timedelta(days=2)), (start, start + timedelta(days=9))):
        expected = Administration.objects.filter(
            client=alice_client, taken_at__gte=since, taken_at__lt=until
        ).order_by("taken_at")
        found = between.all(alice_client.pk, since, until)
        assert [values(a) for a in found] == [values(a) for a in expected]
    assert between.all(alice_client.pk, until, since) == []
    sessions_on = Prepared(
        lambda client, day: TherapySession.objects.filter(
            client_id=client, held_on=day
        ).values_list("id", "held_on"),
        -1,
        SOMEDAY.date(),
    )
    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 3))
    assert sessions_on.rows(alice_client.pk, date(2026, 3, 2)) == [(session.pk, date(2026, 3, 2))]
    with pytest.raises(AssertionError, match="values_list"):
        sessions_on.all(alice_client.pk, date(2026, 3, 2))


def test_it_refuses_what_it_would_not_do(alice, alice_client):
    prefetching = Prepared(
        lambda pk: Client.objects.filter(pk=pk).prefetch_related("identities"), -1
    )
    with pytest.raises(AssertionError, match="prefetch_related"):
        prefetching.all(alice_client.pk)
    flat = Prepared(lambda pk: Client.objects.filter(pk=pk).values_list("id", flat=True), -1)
    with pytest.raises(AssertionError):
        flat.rows(alice_client.pk)


ZONES = (
    UTC,
    ZoneInfo("Europe/London"),
    ZoneInfo("Pacific/Chatham"),
    timezone(-timedelta(hours=3.5)),
)


@given(
    moment=st.datetimes(
        datetime(1901, 1, 1), datetime(2200, 1, 1), timezones=st.sampled_from(ZONES)
    ),
    spelling=st.sampled_from(
        ["parsed", "parsed, in its zone", "stored", "with offset", "T", "no fraction", "Z",
         "day alone"]
    ),
    zone=st.sampled_from(ZONES),
)  # fmt: skip
@example(  # the second 01:30 of the night British clocks go back: only its fold says which
    moment=datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=ZoneInfo("Europe/London")),
    spelling="parsed",
    zone=ZoneInfo("Europe/London"),
)
def test_a_moment_read_from_sqlite_is_what_djangos_converter_makes_of_it(moment, spelling, zone):
    """Prepared statements read SQLite's moments with `sqlite_moment` (quicker): it must
    give what Django's own converter gives, in any zone the connection has: for what SQLite's
    driver hands over (a moment it parsed, as a rule without a zone; folded hours too), for
    what Django stores, and for other ISO text."""
    from django.db.backends.sqlite3.base import DatabaseWrapper  # (its operations: a cycle)

    from mutuality.site.prepared import sqlite_moment

    wrapper: Any = SimpleNamespace(timezone=zone)  # what the converter reads of a connection
    ops = DatabaseWrapper.ops_class(wrapper)
    stored = {
        "parsed": moment.replace(tzinfo=None),
        "parsed, in its zone": moment,
        "stored": ops.adapt_datetimefield_value(moment),
        "with offset": moment.isoformat(sep=" "),
        "T": moment.astimezone(UTC).replace(tzinfo=None).isoformat(),
        "no fraction": moment.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat(" "),
        "Z": moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z",
        "day alone": moment.date().isoformat(),
    }[spelling]
    expected = ops.convert_datetimefield_value(stored, None, None)
    found = sqlite_moment(zone)(stored, None, None)
    assert (found, found.utcoffset(), found.tzinfo) == (
        expected,
        expected.utcoffset(),
        expected.tzinfo,
    )
    assert sqlite_moment(zone)(None, None, None) is None


def test_sqlite_moments_in_a_prepared_statement_are_read_with_the_quicker_converter(
    alice, alice_client
):
    """On SQLite with the quicker converter; on PostgreSQL, which returns moments as
    datetimes, with Django's own converters as they are."""
    sessions = Prepared(
        lambda client: TherapySession.objects.filter(client_id=client).values_list("created_at"),
        -1,
    )
    TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    [(created,)] = sessions.rows(alice_client.pk)
    assert created == TherapySession.objects.get().created_at
    assert created.utcoffset() == timedelta(0)
    converters = [c for found, _ in sessions._local.built.converters.values() for c in found]
    if connection.vendor == "sqlite":
        assert [c.__qualname__ for c in converters] == ["sqlite_moment.<locals>.convert"]
    else:
        assert "sqlite_moment.<locals>.convert" not in [c.__qualname__ for c in converters]


def test_postgresql_keeps_a_statement_run_again_parsed_and_planned(alice, alice_client):
    """On PostgreSQL the server binds the parameters, and a statement run a second time on a
    connection is prepared there: a page's statements are planned once per connection, not
    on every visit. SQLite has nothing to set (its driver keeps compiled statements)."""
    if connection.vendor != "postgresql":
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        return
    sessions = Prepared(
        lambda client: TherapySession.objects.filter(client_id=client).values_list("id"), -1
    )
    for _ in range(3):
        assert sessions.rows(alice_client.pk) == []
    sql = sessions._local.built.sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(sql.replace("%s", "$1") in s for s in prepared), prepared


def test_a_page_of_ids_finds_what_in_finds_and_goes_to_postgresql_as_one_array(alice, bob):
    """`in_page` finds the rows `__in` finds, for a full page of ids and for a short one
    padded with zeros. On PostgreSQL the ids go as one array: a statement over a page and
    one more value stays within the 50 parameters whose parse psycopg keeps."""
    clients = [
        Client.objects.create(
            clinician=bob if n % 3 == 0 else alice,
            display_name=f"C{n}",
            start_date=date(2026, 1, 5),
        )
        for n in range(60)
    ]
    on_page = Prepared(
        lambda user, *ids: (
            Client.objects.filter(clinician_id=user, pk__in_page=ids)
            .order_by("pk")
            .values_list("pk")
        ),
        -1,
        *PAGE_IDS,
    )
    for ids in ([c.pk for c in clients[:50]], [c.pk for c in clients[7:10]], []):
        found = Client.objects.filter(clinician=alice, pk__in=ids).order_by("pk")
        assert on_page.rows(alice.pk, *page_of(ids)) == list(found.values_list("pk"))
    built = on_page._local.built
    if connection.vendor == "postgresql":
        assert "= ANY(%s::bigint[])" in built.sql
        assert len(built.params) == 2, built.params
    else:
        assert len(built.params) == 1 + len(PAGE_IDS)


def _database_settings(**env: str) -> dict[str, Any]:
    """The OPTIONS and the ENGINE the settings make of an environment."""
    code = (
        "import json, mutuality.site.settings as s; d = s.DATABASES['default'];"
        "print(json.dumps({'OPTIONS': d.get('OPTIONS', {}), 'ENGINE': d['ENGINE']}))"
    )
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "MUTUALITY_PG"))
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**keep, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def test_prepared_statements_on_postgresql_can_be_turned_off_for_a_pooler():
    url = "postgresql://someone@db.example/mutuality"
    assert _database_settings(DATABASE_URL=url)["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": 2,
    }
    assert _database_settings(DATABASE_URL=url, MUTUALITY_PG_UNPREPARED="1")["OPTIONS"] == {}


def _postgresql_text(moment: datetime) -> bytes:
    """A moment as PostgreSQL prints a `timestamptz` in its ISO date style: the fraction
    without trailing zeros, the offset as +HH, +HH:MM or +HH:MM:SS."""
    fraction = f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
    offset = moment.utcoffset() or timedelta(0)
    sign, seconds = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    hours, rest = divmod(int(seconds.total_seconds()), 3600)
    minutes, secs = divmod(rest, 60)
    zone = f"{sign}{hours:02d}" + (f":{minutes:02d}" if minutes or secs else "")
    zone += f":{secs:02d}" if secs else ""
    return f"{moment:%Y-%m-%d %H:%M:%S}{fraction}{zone}".encode()


@given(
    text=st.one_of(
        st.datetimes(
            datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.sampled_from(ZONES)
        ).map(_postgresql_text),
        st.sampled_from(
            [b"infinity", b"-infinity", b"0044-03-15 12:00:00+00 BC", b"10000-01-01 00:00:00+00"]
        ),
        st.binary(max_size=40),
        st.text(alphabet="0123456789-: .+T", max_size=32).map(str.encode),
    )
)
def test_a_moment_read_from_postgresql_is_what_djangos_loader_makes_of_it(text):
    """On PostgreSQL a moment is read by `UtcMomentLoader` (quicker): for any text the server
    could send, it gives what Django's own loader gives, or fails as that one fails."""
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader
    from psycopg.postgres import types

    from mutuality.site.postgresql.base import UtcMomentLoader

    class Djangos(BaseTzLoader):  # type: ignore[misc]  # Django's, for a connection in UTC
        timezone = UTC

    def read(loader: type) -> object:
        try:
            found = loader(types["timestamptz"].oid).load(text)
        except Exception as e:  # the two must fail alike
            return type(e), str(e)
        return found, found.tzinfo

    assert read(UtcMomentLoader) == read(Djangos)


def test_postgresql_reads_moments_with_the_quicker_loader(alice, alice_client):
    """A PostgreSQL `DATABASE_URL` runs Mutuality's backend, whose connections read moments
    with `UtcMomentLoader`; what goes into the database comes back the same."""
    url = "postgresql://someone@db.example/mutuality"
    assert _database_settings(DATABASE_URL=url)["ENGINE"] == "mutuality.site.postgresql"
    if connection.vendor != "postgresql":
        assert connection.settings_dict["ENGINE"] == "mutuality.site.sqlite3"
        return
    from psycopg.postgres import types

    from mutuality.site.postgresql.base import UtcMomentLoader

    connection.ensure_connection()
    adapters = connection.connection.adapters
    assert adapters.get_loader(types["timestamptz"].oid, 0) is UtcMomentLoader
    sent = [
        datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        datetime(2026, 7, 1, 9, 30, 0, 120000, tzinfo=ZoneInfo("Europe/London")),
        datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT unnest(%s::timestamptz[])", [sent])
        back = [row[0] for row in cursor.fetchall()]
    assert back == sent
    assert {m.tzinfo for m in back} == {UTC}
    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    assert TherapySession.objects.get().created_at == session.created_at


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
SPELLINGS = st.sampled_from(
    [{}, {"separators": (",", ":")}, {"indent": 1}, {"ensure_ascii": False}]
)


@given(
    st.one_of(
        st.builds(lambda value, how: json.dumps(value, **how), JSON, SPELLINGS),
        st.text(),  # mostly not JSON at all
        st.builds(
            lambda value, pad: f"{pad}{value}{pad}",
            st.integers().map(str),
            st.sampled_from([" ", "\n"]),
        ),
        st.none(),
    )
)
def test_a_json_document_is_read_as_the_json_field_reads_it(stored):
    field = Administration._meta.get_field("scores")
    column: Any = None  # what a read gives both; only a key transform matters to the field
    expected = field.from_db_value(stored, column, connection)
    found = json_document(field)(stored, column, connection)
    assert repr(found) == repr(expected)  # repr: NaN is itself there
    assert type(found) is type(expected)


def test_json_in_a_prepared_statement_is_read_with_the_quicker_converter(alice, alice_client):
    from mutuality.measures.actions import record_administration
    from mutuality.measures.registry import get_instrument

    phq = get_instrument("phq9")
    record_administration(
        client=alice_client,
        instrument=phq,
        answers={item.key: 1 for item in phq.items},
        taken_at=datetime(2026, 3, 2, 12, tzinfo=UTC),
        by=alice,
    )
    answered = Prepared(
        lambda client: Administration.objects.filter(client_id=client).values_list(
            "scores", "answers"
        ),
        -1,
    )
    [(scores, answers)] = answered.rows(alice_client.pk)
    saved = Administration.objects.get()
    assert (scores, answers) == (saved.scores, saved.answers)
    assert isinstance(scores, dict)
    assert isinstance(answers, dict)
    converters = [c for found, _ in answered._local.built.converters.values() for c in found]
    assert [c.__qualname__ for c in converters] == ["json_document.<locals>.convert"] * 2


def test_a_record_read_ahead_is_handed_once_and_only_to_its_owner(alice, bob, alice_client):
    from mutuality.clients.access import AHEAD

    assert AHEAD.read(alice_client.pk) is not None
    assert AHEAD.take(alice_client.pk, bob.pk) is None  # not bob's...
    assert AHEAD.take(alice_client.pk, alice.pk) is None  # ...and gone once asked for

    AHEAD.read(alice_client.pk)
    assert AHEAD.take(alice_client.pk + 1, alice.pk) is None  # another record: gone too
    AHEAD.read(alice_client.pk)
    taken = AHEAD.take(alice_client.pk, alice.pk)
    assert taken is not None
    assert values(taken) == values(Client.objects.get(pk=alice_client.pk))
    assert AHEAD.take(alice_client.pk, alice.pk) is None

    assert AHEAD.read(0) is None  # no such record: nothing held
    AHEAD.read(alice_client.pk)
    AHEAD.forget()
    assert AHEAD.take(alice_client.pk, alice.pk) is None


@given(st.lists(st.sampled_from(["%s", "%%s", "%%", "%", "?", "'%s'", "s", " x = ", "%%%s"])))
@example(["SELECT 1 WHERE a LIKE '%%' AND b = ", "%s"])
def test_sqlite_placeholders_are_rewritten_as_django_rewrites_them(parts):
    """Mutuality's SQLite backend keeps each statement's rewritten text (`qmark`): it must
    be the text Django's cursor writes, `%s` to `?` and `%%` to `%`, however they mix."""
    import sqlite3

    from django.db.backends.sqlite3.base import SQLiteCursorWrapper

    from mutuality.site.sqlite3.base import Cursor, qmark

    memory = sqlite3.connect(":memory:")
    djangos, ours = memory.cursor(SQLiteCursorWrapper), memory.cursor(Cursor)
    query = "".join(parts)
    assert qmark(query) == djangos.convert_query(query)
    assert ours.convert_query(query) == djangos.convert_query(query)
    named = "SELECT %(a)s, %(b)s"  # named parameters: Django's own rewrite, each time
    assert ours.convert_query(named, param_names=["a", "b"]) == "SELECT :a, :b"
    memory.close()


def sqlite_connection(path: Any) -> Any:
    """A connection of Mutuality's SQLite backend to the file `path`, whatever database the
    tests run on, with Django's defaults for its settings."""
    from django.db import connections

    from mutuality.site.sqlite3.base import DatabaseWrapper

    own = {"default": {"ENGINE": "mutuality.site.sqlite3", "NAME": str(path)}}
    return DatabaseWrapper(connections.configure_settings(own)["default"], alias="own sqlite")


def test_the_sqlite_backend_runs_statements_through_the_kept_rewrite(tmp_path):
    """The backend's cursors are Mutuality's, and a statement run twice is rewritten once.
    (On SQLite the settings name this backend: the PostgreSQL loader's test checks that.)"""
    from mutuality.site.sqlite3.base import Cursor, qmark

    wrapper = sqlite_connection(tmp_path / "rewrite.sqlite3")
    with wrapper.cursor() as cursor:
        assert isinstance(cursor.cursor, Cursor)
    before = qmark.cache_info()
    for _ in range(2):
        with wrapper.cursor() as cursor:
            cursor.execute(f"SELECT %s, '%%', '{tmp_path.name}'", [1])  # a new statement
            assert cursor.fetchone() == (1, "%", tmp_path.name)
    after = qmark.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 1
    wrapper.close()


def test_an_sqlite_connection_keeps_the_planners_statistics_when_it_closes(tmp_path):
    """Closing a connection of Mutuality's SQLite backend runs `PRAGMA optimize`: the tables
    it read get statistics, and with them SQLite reads a client's open alerts from the
    alerts, not by walking every answer the client gave."""
    import sqlite3

    path = tmp_path / "planner.sqlite3"
    made = sqlite3.connect(path)
    made.executescript(
        "CREATE TABLE answer (id INTEGER PRIMARY KEY, client INTEGER, taken TEXT);"
        "CREATE INDEX answer_client ON answer (client, taken);"
        "CREATE TABLE alert (id INTEGER PRIMARY KEY, answer INTEGER REFERENCES answer, open INT);"
        "CREATE INDEX alert_answer ON alert (answer);"
    )
    made.executemany(
        "INSERT INTO answer VALUES (?, ?, ?)", ((i, i % 5, str(i)) for i in range(5000))
    )
    made.executemany("INSERT INTO alert VALUES (?, ?, 1)", ((i, i * 7) for i in range(3)))
    made.commit()
    made.close()
    query = (
        "SELECT * FROM alert JOIN answer ON alert.answer = answer.id "
        "WHERE answer.client = 2 AND alert.open = 1 ORDER BY answer.taken"
    )

    def plan() -> str:  # as a new connection plans it, with the statistics there are
        fresh = sqlite3.connect(path)
        steps = " / ".join(row[3] for row in fresh.execute(f"EXPLAIN QUERY PLAN {query}"))
        fresh.close()
        return steps

    assert plan().startswith("SEARCH answer")  # unguided: every answer of the client
    wrapper = sqlite_connection(path)
    with wrapper.cursor() as cursor:
        cursor.execute(query)
        cursor.fetchall()
    wrapper.close()
    assert plan().startswith("SCAN alert")  # guided: the alerts, then their answers
