import ArgumentParser

@main
struct Nbhd: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nbhd",
    abstract: "Reconcile health and care boundaries with the neighbourhoods residents recognise.",
    subcommands: [])
}
