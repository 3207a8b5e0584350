from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from mutuality.accounts import views as accounts
from mutuality.clients import views as clients
from mutuality.formulations import views as formulations
from mutuality.guide import views as guide
from mutuality.logs import views as logs
from mutuality.maps import views as maps
from mutuality.measures import views as measures
from mutuality.notes import views as notes
from mutuality.people import views as people
from mutuality.plans import views as plans
from mutuality.record import retention, session_pages
from mutuality.record import views as record
from mutuality.record.audited import audit_urls
from mutuality.sessions import views as sessions
from mutuality.site import health
from mutuality.transcripts import views as transcripts

urlpatterns = audit_urls(
    [
        path("", record.caseload, name="caseload"),
        path("healthz/", health.healthz, name="healthz"),
        path("login/", auth_views.LoginView.as_view(), name="login"),
        path("logout/", auth_views.LogoutView.as_view(), name="logout"),
        path("login/verify/", accounts.two_factor_verify, name="two-factor-verify"),
        path("account/", accounts.account, name="account"),
        path("account/password/", accounts.PasswordChange.as_view(), name="password-change"),
        path("account/two-factor/", accounts.two_factor_setup, name="two-factor-setup"),
        path("account/two-factor/codes/", accounts.recovery_codes, name="recovery-codes"),
        path("account/two-factor/remove/", accounts.two_factor_remove, name="two-factor-remove"),
        path("supervision/", record.supervision, name="supervision"),
        path("practice/people/", people.people, name="practice-people"),
        path("practice/people/new/", people.person_new, name="person-new"),
        path("practice/people/<int:person_id>/", people.person_edit, name="person-edit"),
        path("practice/supervision/new/", people.supervision_new, name="supervision-new"),
        path(
            "practice/supervision/<int:supervision_id>/end/",
            people.supervision_end,
            name="supervision-end",
        ),
        path("practice/settings/", people.practice_settings, name="practice-settings"),
        path("practice/audit/", people.practice_audit, name="practice-audit"),
        path("practice/retention/", retention.retention, name="practice-retention"),
        path(
            "practice/retention/<int:record_id>/destroy/",
            retention.retention_destroy,
            name="retention-destroy",
        ),
        path("clients/new/", clients.client_new, name="client-new"),
        path("clients/<int:client_id>/", record.client_detail, name="client"),
        path("clients/<int:client_id>/edit/", clients.client_edit, name="client-edit"),
        path("clients/<int:client_id>/identities/", record.identity_add, name="identity-add"),
        path(
            "identities/<int:identity_id>/delete/", record.identity_delete, name="identity-delete"
        ),
        path("clients/<int:client_id>/map/", maps.map_page, name="map"),
        path("clients/<int:client_id>/map.svg", maps.map_svg, name="map-svg"),
        path(
            "clients/<int:client_id>/relationships/new/",
            maps.relationship_new,
            name="relationship-new",
        ),
        path("relationships/<int:relationship_id>/", maps.relationship_detail, name="relationship"),
        path(
            "relationships/<int:relationship_id>/edit/",
            maps.relationship_edit,
            name="relationship-edit",
        ),
        path(
            "relationships/<int:relationship_id>/assess/",
            maps.assessment_new,
            name="assessment-new",
        ),
        path("assessments/<int:assessment_id>/edit/", maps.assessment_edit, name="assessment-edit"),
        path("clients/<int:client_id>/measures/", measures.client_measures, name="client-measures"),
        path("clients/<int:client_id>/progress/", measures.client_view, name="client-view"),
        path(
            "clients/<int:client_id>/measures/<slug:instrument_key>/",
            measures.enter_answers,
            name="enter-answers",
        ),
        path("clients/<int:client_id>/links/new/", measures.link_new, name="link-new"),
        path("links/<int:link_id>/revoke/", measures.link_revoke, name="link-revoke"),
        path(
            "administrations/<int:administration_id>/",
            measures.administration_detail,
            name="administration",
        ),
        path(
            "administrations/<int:administration_id>/fhir/",
            measures.administration_fhir,
            name="administration-fhir",
        ),
        path(
            "alerts/<int:alert_id>/acknowledge/",
            measures.alert_acknowledge,
            name="alert-acknowledge",
        ),
        path("instruments/", measures.instruments_list, name="instruments"),
        path("instruments/import/", measures.instrument_import, name="instrument-import"),
        path("instruments/<slug:instrument_key>/", measures.instrument_detail, name="instrument"),
        path("c/<str:token>/", measures.checkin, name="checkin"),
        path("c/<str:token>/log/", logs.link_log, name="link-log"),
        path("c/<str:token>/plan/", plans.link_plan, name="link-plan"),
        path(
            "clients/<int:client_id>/sessions/",
            session_pages.client_sessions,
            name="client-sessions",
        ),
        path("clients/<int:client_id>/timeline/", record.client_timeline, name="timeline"),
        path("clients/<int:client_id>/access/", record.client_access, name="client-access"),
        path("clients/<int:client_id>/record/", record.client_record_print, name="record-print"),
        path(
            "clients/<int:client_id>/export.fhir.json", record.client_export, name="client-export"
        ),
        path("sessions/<int:session_id>/", session_pages.session_detail, name="session"),
        path("sessions/<int:session_id>/edit/", sessions.session_edit, name="session-edit"),
        path(
            "sessions/<int:session_id>/transcript/",
            transcripts.session_transcript,
            name="session-transcript",
        ),
        path("sessions/<int:session_id>/note/", notes.note_edit, name="note-edit"),
        path("sessions/<int:session_id>/note/print/", notes.note_print, name="note-print"),
        path("sessions/<int:session_id>/addenda/", notes.addendum_add, name="addendum-add"),
        path("sessions/<int:session_id>/note/cosign/", notes.note_cosign, name="note-cosign"),
        path("sessions/<int:session_id>/private/", notes.private_notes, name="private-notes"),
        path("clients/<int:client_id>/plan/", plans.plan_page, name="plan"),
        path("clients/<int:client_id>/plan/start/", plans.plan_start, name="plan-start"),
        path("clients/<int:client_id>/plan/goals/", plans.goal_add, name="goal-add"),
        path("clients/<int:client_id>/plan/review/", plans.plan_review, name="plan-review"),
        path("clients/<int:client_id>/plan/versions/", plans.plan_versions, name="plan-versions"),
        path("goals/<int:goal_id>/edit/", plans.goal_edit, name="goal-edit"),
        path("goals/<int:goal_id>/template/", plans.goal_template, name="goal-template"),
        path("goals/<int:goal_id>/attainment/", plans.goal_attainment, name="goal-attainment"),
        path("goals/<int:goal_id>/objectives/new/", plans.objective_new, name="objective-new"),
        path("objectives/<int:objective_id>/edit/", plans.objective_edit, name="objective-edit"),
        path("objectives/<int:objective_id>/rate/", plans.objective_rate, name="objective-rate"),
        path(
            "clients/<int:client_id>/formulation/",
            formulations.formulation_page,
            name="formulation",
        ),
        path(
            "clients/<int:client_id>/formulation/new/",
            formulations.formulation_edit,
            name="formulation-edit",
        ),
        path(
            "formulations/<int:formulation_id>/print/",
            formulations.formulation_print,
            name="formulation-print",
        ),
        path("models/", transcripts.analysis_models, name="analysis-models"),
        path("guide/", guide.index, name="guide"),
        path("guide/supervision/", guide.supervision, name="guide-supervision"),
        path("guide/sources/", guide.sources, name="guide-sources"),
        path("guide/problems/<slug:key>/", guide.problem, name="guide-problem"),
        path("guide/<slug:key>/", guide.concept, name="guide-concept"),
        path("admin/", admin.site.urls),
    ]
)
