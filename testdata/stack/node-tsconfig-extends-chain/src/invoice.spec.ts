import { total } from "./invoice";
