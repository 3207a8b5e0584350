"""Two synthetic session transcripts for the demo client Riley, written for Mutuality's
demo. Uploaded the way a clinician would, so they are de-identified and analysed."""

from datetime import date, timedelta

from django.contrib.auth.models import User

from mutuality.clients.models import Client
from mutuality.sessions.models import TherapySession
from mutuality.transcripts.actions import attach_transcript

EARLY = """Ana: Welcome back. How has the week been since we last met?
Riley: Quiet. I didn't tell anyone how bad it got. I kept it to myself.
Riley: Honestly I feel so alone here. Nobody calls.
Ana: Okay. Did you manage the reading list for your course?
Ana: We could look at your timetable for next week.
Riley: I guess. It's my fault anyway, I never reach out.
Ana: It sounds like you have been carrying all of this on your own, and that it hurts to say it.
Riley: Yeah. I just want to be understood by someone.
Ana: I'm glad you said that to me. What would it be like to let Jo know a little of it?
Riley: Scary. But maybe.
"""

LATER = """Ana: How did choir go on Thursday?
Riley: I actually went, and I felt so alive afterwards. I talked to someone at the break.
Ana: That sounds like it meant a lot to you. What was it like to talk to them?
Riley: It made sense to me why I used to love singing. I want to see them again.
Ana: You sound lighter today, and I notice I'm smiling too.
Riley: I finally called Mum on Sunday. It was okay.
Ana: What made it possible to call her this time?
Riley: I didn't pretend I was fine. I told her I have been lonely.
"""


def load_demo_transcripts(client: Client, by: User, today: date) -> None:
    """Riley's transcripts, on her sessions nearest thirty and three weeks ago (with their
    notes), or on a session of that day where the record has none."""
    for weeks_ago, text in ((30, EARLY), (3, LATER)):
        day = today - timedelta(weeks=weeks_ago)
        held = client.therapy_sessions.filter(
            held_on__range=(day - timedelta(days=7), day + timedelta(days=7))
        )
        session = min(held, key=lambda s: (abs((s.held_on - day).days), s.held_on), default=None)
        if session is None:
            session = TherapySession.objects.create(client=client, held_on=day)
        attach_transcript(
            session=session, data=text.encode(), name="session.txt", model="default", by=by
        )
