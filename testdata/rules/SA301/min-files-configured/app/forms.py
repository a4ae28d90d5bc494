def forms():
    return 1
