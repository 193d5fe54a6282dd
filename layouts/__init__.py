"""The dashboard's layouts: the shell around every page (`shell`), one module per page (`map`,
`council`, `compare`, `nhs`, `era`, `about`, registered by `pages`), and the pieces they share.

Layouts build components from the core's tables; they never import `callbacks`.
"""
