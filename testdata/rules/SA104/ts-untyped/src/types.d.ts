export declare function declared(x: any): any;
