import AssayCore
@_exported import AssayTestSupport

let lead = Identity(name: "Lena Lead", osLogin: "lena")
