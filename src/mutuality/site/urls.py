from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from mutuality.clients import views as clients
from mutuality.guide import views as guide
from mutuality.maps import views as maps
from mutuality.measures import views as measures
from mutuality.transcripts import views as transcripts

urlpatterns = [
    path("", clients.caseload, name="caseload"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("clients/new/", clients.client_new, name="client-new"),
    path("clients/<int:client_id>/", clients.client_detail, name="client"),
    path("clients/<int:client_id>/edit/", clients.client_edit, name="client-edit"),
    path("clients/<int:client_id>/identities/", clients.identity_add, name="identity-add"),
    path("identities/<int:identity_id>/delete/", clients.identity_delete, name="identity-delete"),
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
        "alerts/<int:alert_id>/acknowledge/", measures.alert_acknowledge, name="alert-acknowledge"
    ),
    path("instruments/", measures.instruments_list, name="instruments"),
    path("instruments/import/", measures.instrument_import, name="instrument-import"),
    path("instruments/<slug:instrument_key>/", measures.instrument_detail, name="instrument"),
    path("c/<str:token>/", measures.checkin, name="checkin"),
    path("clients/<int:client_id>/sessions/", transcripts.client_sessions, name="client-sessions"),
    path("sessions/<int:session_id>/", transcripts.session_detail, name="session"),
    path("models/", transcripts.analysis_models, name="analysis-models"),
    path("guide/", guide.index, name="guide"),
    path("guide/supervision/", guide.supervision, name="guide-supervision"),
    path("guide/sources/", guide.sources, name="guide-sources"),
    path("guide/problems/<slug:key>/", guide.problem, name="guide-problem"),
    path("guide/<slug:key>/", guide.concept, name="guide-concept"),
    path("admin/", admin.site.urls),
]
