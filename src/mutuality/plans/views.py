from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mutuality.clients.access import get_client_for_user
from mutuality.core.errors import MutualityError
from mutuality.core.measures.change import gas_t_score
from mutuality.core.record.versions import compare_plans
from mutuality.formulations.models import Formulation
from mutuality.measures.access import get_link_for_token
from mutuality.measures.actions import LinkClosed
from mutuality.plans import actions
from mutuality.plans.access import get_goal_for_user, get_objective_for_user
from mutuality.plans.forms import (
    AttainmentForm,
    GoalForm,
    LibraryGoalForm,
    ObjectiveForm,
    RatingForm,
    ReviewForm,
)
from mutuality.plans.models import (
    Goal,
    GoalAttainment,
    Objective,
    PlanAcknowledgement,
    PlanTemplate,
    PlanVersion,
    TreatmentPlan,
)
from mutuality.plans.progress import chart, objective_progress
from mutuality.sessions.access import get_session_for_user
from mutuality.site.prepared import Prepared
from mutuality.site.requests import ClinicianRequest

# The plan page's statements, built once (site.prepared).
PLAN = Prepared(lambda client: TreatmentPlan.objects.filter(client_id=client).order_by("pk"), -1)
GOALS = Prepared(lambda plan: Goal.objects.filter(plan_id=plan), -1)
OBJECTIVES = Prepared(lambda plan: Objective.objects.filter(goal__plan_id=plan), -1)
ATTAINMENTS = Prepared(lambda plan: GoalAttainment.objects.filter(goal__plan_id=plan), -1)
ACKNOWLEDGED = Prepared(  # the first acknowledgement of the plan's latest version
    lambda plan: (
        PlanAcknowledgement.objects.filter(
            version__plan_id=plan,
            version__number=PlanVersion.objects.filter(plan_id=plan)
            .order_by("-number")
            .values("number")[:1],
        )
        .select_related("version")
        .defer("version__content", "version__change")
        .order_by("id")
    ),
    -1,
)
TEMPLATES = Prepared(lambda owner: PlanTemplate.objects.filter(owner_id=owner).only("title"), -1)


def _goals(plan: TreatmentPlan, *, with_charts: bool = True) -> list[dict[str, object]]:
    """Each goal with its objectives' progress (and charts) and its latest attainment, in
    three statements for the whole plan."""
    today = timezone.localdate()
    goals = GOALS.all(plan.pk)
    for goal in goals:
        goal.plan = plan
    by_id = {g.pk: g for g in goals}
    objectives: dict[int, list[dict[str, object]]] = {g.pk: [] for g in goals}
    for o in OBJECTIVES.all(plan.pk):
        o.goal = by_id[o.goal_id]
        result = objective_progress(o, today)
        objectives[o.goal_id].append(
            {"o": o, "progress": result, "chart": chart(o, result) if with_charts else ""}
        )
    latest: dict[int, GoalAttainment] = {}
    for a in ATTAINMENTS.all(plan.pk):  # newest first
        latest.setdefault(a.goal_id, a)
    return [{"goal": g, "objectives": objectives[g.pk], "gas": latest.get(g.pk)} for g in goals]


def plan_page(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    plan = PLAN.first(client.pk)
    context: dict[str, object] = {"client": client, "plan": plan}
    if plan is not None:
        goals = _goals(plan)
        levels = [g["gas"].level for g in goals if g["gas"] is not None]  # type: ignore[attr-defined]
        context |= {
            "goals": goals,
            "t_score": gas_t_score(levels) if levels else None,
            "library": LibraryGoalForm(templates=TEMPLATES.all(request.user.pk)),
            "review": ReviewForm(initial={"review_due": plan.review_due}),
            "attainment": AttainmentForm(),
            "acknowledged": ACKNOWLEDGED.first(plan.pk),
            "review_due": plan.review_is_due(timezone.localdate()),
        }
    else:
        context["review"] = ReviewForm()
    return render(request, "plans/plan.html", context)


def plan_start(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReviewForm(request.POST)
    review_due = form.cleaned_data["review_due"] if form.is_valid() else None
    actions.start_plan(client=client, by=request.user, now=timezone.now(), review_due=review_due)
    messages.success(request, "Plan started. Add goals from the RCT library or your own.")
    return redirect("plan", client_id=client.pk)


def goal_add(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    plan = get_object_or_404(TreatmentPlan, client=client)
    templates = list(request.user.plan_templates.all())
    form = LibraryGoalForm(request.POST, templates=templates)
    if not form.is_valid():
        messages.error(request, "Choose a goal from the list.")
        return redirect("plan", client_id=client.pk)
    source, _, key = form.cleaned_data["goal"].partition("/")
    now = timezone.now()
    if source == "template":
        template = get_object_or_404(PlanTemplate, pk=int(key), owner=request.user)
        goal = actions.add_goal_from_template(
            plan=plan, template=template, by=request.user, now=now
        )
    else:
        goal = actions.add_goal_from_library(
            plan=plan, goal_key=key, problem_key=source, by=request.user, now=now
        )
    messages.success(request, f"Added the goal '{goal.title}' with its objective; adapt it below.")
    return redirect("plan", client_id=client.pk)


def plan_review(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    plan = get_object_or_404(TreatmentPlan, client=client)
    form = ReviewForm(request.POST)
    if form.is_valid():
        plan.review_due = form.cleaned_data["review_due"]
        actions.record_version(
            plan=plan, by=request.user, now=timezone.now(), change="Review date set"
        )
        messages.success(request, f"Next review: {plan.review_due:%d %b %Y}.")
    else:
        messages.error(request, "Give the date of the next review.")
    return redirect("plan", client_id=client.pk)


def goal_edit(request: ClinicianRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, goal_id)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        form.save()
        actions.record_version(
            plan=goal.plan, by=request.user, now=timezone.now(), change=f"Goal edited: {goal.title}"
        )
        messages.success(request, "Goal saved; the plan's earlier version is kept.")
        return redirect("plan", client_id=goal.plan.client_id)
    return render(
        request,
        "plans/goal_form.html",
        {"client": goal.plan.client, "goal": goal, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def goal_template(request: ClinicianRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, goal_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    template = actions.save_template(goal=goal, by=request.user)
    messages.success(request, f"Saved '{template.title}' to your templates.")
    return redirect("plan", client_id=goal.plan.client_id)


def goal_attainment(request: ClinicianRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, goal_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AttainmentForm(request.POST)
    if form.is_valid():
        actions.record_attainment(
            goal=goal, level=form.cleaned_data["level"], on=timezone.localdate(), by=request.user
        )
        messages.success(request, "Goal attainment recorded.")
    else:
        messages.error(request, "Choose a level from -2 to +2.")
    return redirect("plan", client_id=goal.plan.client_id)


def _objective_form(
    request: ClinicianRequest, form: ObjectiveForm, objective: Objective, change: str
) -> HttpResponse:
    goal = objective.goal
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.goal = goal
        saved.save()
        actions.record_version(plan=goal.plan, by=request.user, now=timezone.now(), change=change)
        messages.success(request, "Objective saved; its progress is computed from what it names.")
        return redirect("plan", client_id=goal.plan.client_id)
    return render(
        request,
        "plans/objective_form.html",
        {"client": goal.plan.client, "goal": goal, "objective": objective, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def objective_new(request: ClinicianRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, goal_id)
    today = timezone.localdate()
    objective = Objective(goal=goal)
    form = ObjectiveForm(
        request.POST or None, instance=objective, initial={"start": today, "target": 1}
    )
    return _objective_form(request, form, objective, f"Objective added to {goal.title}")


def objective_edit(request: ClinicianRequest, objective_id: int) -> HttpResponse:
    objective = get_objective_for_user(request.user, objective_id)
    form = ObjectiveForm(request.POST or None, instance=objective)
    return _objective_form(request, form, objective, "Objective edited")


def objective_rate(request: ClinicianRequest, objective_id: int) -> HttpResponse:
    objective = get_objective_for_user(request.user, objective_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        session_id = int(request.POST.get("session", ""))
    except ValueError:
        raise Http404("no such session") from None
    session = get_session_for_user(request.user, session_id)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            actions.rate_objective(
                objective=objective, session=session, value=form.cleaned_data["value"],
                by=request.user,
            )  # fmt: skip
        except MutualityError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "Rating saved.")
    else:
        messages.error(request, "A rating is a whole number from 0 to 10.")
    return redirect("session", session_id=session.pk)


def plan_versions(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    plan = get_object_or_404(TreatmentPlan, client=client)
    versions = {v.number: v for v in plan.versions.select_related("created_by")}
    changes, a, b = None, None, None
    try:
        a = versions.get(int(request.GET.get("a", "")))
        b = versions.get(int(request.GET.get("b", "")))
    except ValueError:
        pass
    if a and b:
        changes = compare_plans(a.content, b.content)
    return render(
        request,
        "plans/versions.html",
        {"client": client, "versions": list(versions.values()), "a": a, "b": b, "changes": changes},
    )


@login_not_required
@never_cache
def link_plan(request: HttpRequest, token: str) -> HttpResponse:
    """The client's own plan, in plain words, to read and acknowledge."""
    link = get_link_for_token(token)
    now = timezone.now()
    if not link.is_open(now) or not link.share_plan:
        return render(request, "measures/checkin_closed.html", {"reason": "expired"}, status=410)
    plan = TreatmentPlan.objects.filter(client_id=link.client_id).first()
    if plan is None:
        raise Http404("no plan yet")
    version = plan.latest_version()
    acknowledged = version.acknowledgements.filter(link=link).first() if version else None
    if request.method == "POST":
        try:
            acknowledged = actions.acknowledge_plan(link=link, now=now)
        except LinkClosed:
            return render(
                request, "measures/checkin_closed.html", {"reason": "expired"}, status=410
            )
    formulation = (
        Formulation.objects.filter(client_id=link.client_id, shared_with_client=True)
        .order_by("-version")
        .first()
    )
    return render(
        request,
        "plans/link_plan.html",
        {
            "link": link,
            "plan": plan,
            "goals": _goals(plan, with_charts=False),
            "version": version,
            "acknowledged": acknowledged,
            "formulation": formulation,
        },
    )
