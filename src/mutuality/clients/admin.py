from django.contrib import admin

from mutuality.clients.models import Client, SocialIdentity


class IdentityInline(admin.TabularInline[SocialIdentity, Client]):
    model = SocialIdentity
    extra = 0


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin[Client]):
    list_display = ["display_name", "clinician", "status", "start_date"]
    list_filter = ["status"]
    inlines = [IdentityInline]
