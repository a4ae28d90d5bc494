export interface Torder { id: string }
