export interface Tuser { id: string }
