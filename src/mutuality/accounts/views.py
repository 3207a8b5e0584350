"""The account page, password, two-factor setup and the second step of signing in."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token

from mutuality.accounts import twofactor
from mutuality.audit.actions import record
from mutuality.audit.models import Action
from mutuality.audit.signals import client_ip
from mutuality.site.requests import ClinicianRequest


def _audit(request: ClinicianRequest, action: Action, detail: str) -> None:
    """A sign-in event of the person making this request."""
    record(action=action, actor=request.user, ip=client_ip(request), detail=detail)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
        help_text="The 6 digits your authenticator app shows now, or one of your recovery codes.",
    )


def account(request: ClinicianRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "enrolled": twofactor.enrolled(user),
            "required": twofactor.required_for(user),
            "remaining": twofactor.remaining_codes(user),
            "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        },
    )


def two_factor_setup(request: ClinicianRequest) -> HttpResponse:
    user = request.user
    if twofactor.enrolled(user):
        return redirect("account")
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = "The 6 digits your authenticator app shows for Mutuality."
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            _audit(request, Action.TWO_FACTOR, "enrolled")
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error("code", "That code is not right. Check the time on your phone and retry.")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_svg(device),
            "secret": twofactor.secret(device),
            "required": twofactor.required_for(user),
        },
        status=400 if request.method == "POST" else 200,
    )


def two_factor_verify(request: ClinicianRequest) -> HttpResponse:
    """The second step of signing in."""
    user = request.user
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        device = match_token(user, code)
        if device is not None:
            otp_login(request, device)
            detail = "recovery code used" if device.name == twofactor.RECOVERY else "code"
            _audit(request, Action.LOGIN, f"2FA {detail}")
            return redirect(target or "caseload")
        _audit(request, Action.LOGIN_FAILED, "2FA code")
        form.add_error("code", "That code is not right, or was already used.")
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": target},
        status=400 if request.method == "POST" else 200,
    )


def recovery_codes(request: ClinicianRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not twofactor.enrolled(request.user):
        return redirect("two-factor-setup")
    codes = twofactor.new_recovery_codes(request.user)
    _audit(request, Action.TWO_FACTOR, "new codes")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


def two_factor_remove(request: ClinicianRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if twofactor.required_for(request.user):
        messages.error(request, "Your role requires two-factor sign-in; it cannot be turned off.")
        return redirect("account")
    twofactor.remove(request.user)
    _audit(request, Action.TWO_FACTOR, "removed")
    messages.success(request, "Two-factor sign-in is off for your account.")
    return redirect("account")


def locked_out(request: ClinicianRequest, *args: object) -> HttpResponse:
    """django-axes' answer once a username has failed too often: a clear page, HTTP 429."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


class PasswordChange(auth_views.PasswordChangeView):
    """Changing one's own password (the admin gives a first one): audited, then back to
    the account page. The session stays signed in."""

    template_name = "accounts/password.html"
    success_url = "/account/"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _audit(self.request, Action.CHANGE, "password changed")  # type: ignore[arg-type]
        messages.success(self.request, "Password changed.")
        return response
