// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "ahc-probe",
    dependencies: [.package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0")],
    targets: [.executableTarget(name: "ahc-probe", dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")])]
)
