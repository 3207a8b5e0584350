from django.contrib import admin

from mutuality.practices.models import Clinician, Practice

admin.site.register(Practice)
admin.site.register(Clinician)
