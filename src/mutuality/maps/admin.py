from django.contrib import admin

from mutuality.maps.models import Relationship, RelationshipAssessment

admin.site.register(Relationship)
admin.site.register(RelationshipAssessment)
