from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from mutuality.clients import views as clients
from mutuality.guide import views as guide
from mutuality.maps import views as maps

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
    path("guide/", guide.index, name="guide"),
    path("guide/supervision/", guide.supervision, name="guide-supervision"),
    path("guide/sources/", guide.sources, name="guide-sources"),
    path("guide/problems/<slug:key>/", guide.problem, name="guide-problem"),
    path("guide/<slug:key>/", guide.concept, name="guide-concept"),
    path("admin/", admin.site.urls),
]
