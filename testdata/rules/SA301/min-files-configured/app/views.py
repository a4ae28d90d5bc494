def views():
    return 1
