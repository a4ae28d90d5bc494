def old_checkout(request):
    return None
