# Exports rows in sort_order; no payment or checkout happens here.
def export_rows(rows, sort_order="asc"):
    return sorted(rows, reverse=sort_order == "desc")
