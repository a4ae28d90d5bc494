export interface Tindex { id: string }
