def urls():
    return 1
