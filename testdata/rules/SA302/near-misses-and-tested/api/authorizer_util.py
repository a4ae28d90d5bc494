def can_edit(user, obj):
    return user.id == obj.owner_id
