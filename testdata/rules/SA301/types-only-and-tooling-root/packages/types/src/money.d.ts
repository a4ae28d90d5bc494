export interface Tmoney { id: string }
