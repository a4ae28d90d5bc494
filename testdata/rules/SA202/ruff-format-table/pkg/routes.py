def routes():
    return 1
