TSCResNet(
  (blocks): Module(
    (0): Module(
      (body): Module(
        (0): Conv1d(3, 16, kernel_size=(7,), stride=(1,), padding=same, bias=False)
        (1): BatchNorm1d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv1d(16, 16, kernel_size=(5,), stride=(1,), padding=same, bias=False)
        (4): BatchNorm1d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
        (6): Conv1d(16, 16, kernel_size=(3,), stride=(1,), padding=same, bias=False)
        (7): BatchNorm1d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
      (shortcut): Module(
        (0): Conv1d(3, 16, kernel_size=(1,), stride=(1,), bias=False)
        (1): BatchNorm1d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
    (1): Module(
      (body): Module(
        (0): Conv1d(16, 32, kernel_size=(7,), stride=(1,), padding=same, bias=False)
        (1): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv1d(32, 32, kernel_size=(5,), stride=(1,), padding=same, bias=False)
        (4): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
        (6): Conv1d(32, 32, kernel_size=(3,), stride=(1,), padding=same, bias=False)
        (7): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
      (shortcut): Module(
        (0): Conv1d(16, 32, kernel_size=(1,), stride=(1,), bias=False)
        (1): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
    (2): Module(
      (body): Module(
        (0): Conv1d(32, 32, kernel_size=(7,), stride=(1,), padding=same, bias=False)
        (1): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv1d(32, 32, kernel_size=(5,), stride=(1,), padding=same, bias=False)
        (4): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
        (6): Conv1d(32, 32, kernel_size=(3,), stride=(1,), padding=same, bias=False)
        (7): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
      (shortcut): Identity()
    )
  )
  (norm): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (tcn): Module(
    (0): Module(
      (dw): Conv1d(32, 32, kernel_size=(3,), stride=(1,), padding=(1,), groups=32)
      (pw): Conv1d(32, 32, kernel_size=(1,), stride=(1,))
      (bn): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (down): Conv1d(32, 32, kernel_size=(4,), stride=(2,), padding=(1,))
    )
    (1): Module(
      (dw): Conv1d(32, 32, kernel_size=(3,), stride=(1,), padding=(2,), dilation=(2,), groups=32)
      (pw): Conv1d(32, 32, kernel_size=(1,), stride=(1,))
      (bn): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (down): Conv1d(32, 32, kernel_size=(4,), stride=(2,), padding=(1,))
    )
    (2): Module(
      (dw): Conv1d(32, 32, kernel_size=(3,), stride=(1,), padding=(4,), dilation=(4,), groups=32)
      (pw): Conv1d(32, 32, kernel_size=(1,), stride=(1,))
      (bn): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (down): Conv1d(32, 32, kernel_size=(4,), stride=(2,), padding=(1,))
    )
  )
  (smooth): AvgPool1d(kernel_size=(3,), stride=(1,), padding=(1,))
  (gap): AdaptiveAvgPool1d(output_size=1)
  (head): Module(
    (0): Linear(in_features=64, out_features=64, bias=True)
    (1): BatchNorm1d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU()
    (3): Dropout(p=0.3, inplace=False)
    (4): Linear(in_features=64, out_features=6, bias=True)
  )
)



def forward(self, x):
    blocks_0_body_0 = getattr(getattr(self.blocks, "0").body, "0")(x)
    blocks_0_body_1 = getattr(getattr(self.blocks, "0").body, "1")(blocks_0_body_0);  blocks_0_body_0 = None
    blocks_0_body_2 = getattr(getattr(self.blocks, "0").body, "2")(blocks_0_body_1);  blocks_0_body_1 = None
    blocks_0_body_3 = getattr(getattr(self.blocks, "0").body, "3")(blocks_0_body_2);  blocks_0_body_2 = None
    blocks_0_body_4 = getattr(getattr(self.blocks, "0").body, "4")(blocks_0_body_3);  blocks_0_body_3 = None
    blocks_0_body_5 = getattr(getattr(self.blocks, "0").body, "5")(blocks_0_body_4);  blocks_0_body_4 = None
    blocks_0_body_6 = getattr(getattr(self.blocks, "0").body, "6")(blocks_0_body_5);  blocks_0_body_5 = None
    blocks_0_body_7 = getattr(getattr(self.blocks, "0").body, "7")(blocks_0_body_6);  blocks_0_body_6 = None
    blocks_0_shortcut_0 = getattr(getattr(self.blocks, "0").shortcut, "0")(x);  x = None
    blocks_0_shortcut_1 = getattr(getattr(self.blocks, "0").shortcut, "1")(blocks_0_shortcut_0);  blocks_0_shortcut_0 = None
    add = blocks_0_body_7 + blocks_0_shortcut_1;  blocks_0_body_7 = blocks_0_shortcut_1 = None
    relu = torch.nn.functional.relu(add, inplace = False);  add = None
    blocks_1_body_0 = getattr(getattr(self.blocks, "1").body, "0")(relu)
    blocks_1_body_1 = getattr(getattr(self.blocks, "1").body, "1")(blocks_1_body_0);  blocks_1_body_0 = None
    blocks_1_body_2 = getattr(getattr(self.blocks, "1").body, "2")(blocks_1_body_1);  blocks_1_body_1 = None
    blocks_1_body_3 = getattr(getattr(self.blocks, "1").body, "3")(blocks_1_body_2);  blocks_1_body_2 = None
    blocks_1_body_4 = getattr(getattr(self.blocks, "1").body, "4")(blocks_1_body_3);  blocks_1_body_3 = None
    blocks_1_body_5 = getattr(getattr(self.blocks, "1").body, "5")(blocks_1_body_4);  blocks_1_body_4 = None
    blocks_1_body_6 = getattr(getattr(self.blocks, "1").body, "6")(blocks_1_body_5);  blocks_1_body_5 = None
    blocks_1_body_7 = getattr(getattr(self.blocks, "1").body, "7")(blocks_1_body_6);  blocks_1_body_6 = None
    blocks_1_shortcut_0 = getattr(getattr(self.blocks, "1").shortcut, "0")(relu);  relu = None
    blocks_1_shortcut_1 = getattr(getattr(self.blocks, "1").shortcut, "1")(blocks_1_shortcut_0);  blocks_1_shortcut_0 = None
    add_1 = blocks_1_body_7 + blocks_1_shortcut_1;  blocks_1_body_7 = blocks_1_shortcut_1 = None
    relu_1 = torch.nn.functional.relu(add_1, inplace = False);  add_1 = None
    blocks_2_body_0 = getattr(getattr(self.blocks, "2").body, "0")(relu_1)
    blocks_2_body_1 = getattr(getattr(self.blocks, "2").body, "1")(blocks_2_body_0);  blocks_2_body_0 = None
    blocks_2_body_2 = getattr(getattr(self.blocks, "2").body, "2")(blocks_2_body_1);  blocks_2_body_1 = None
    blocks_2_body_3 = getattr(getattr(self.blocks, "2").body, "3")(blocks_2_body_2);  blocks_2_body_2 = None
    blocks_2_body_4 = getattr(getattr(self.blocks, "2").body, "4")(blocks_2_body_3);  blocks_2_body_3 = None
    blocks_2_body_5 = getattr(getattr(self.blocks, "2").body, "5")(blocks_2_body_4);  blocks_2_body_4 = None
    blocks_2_body_6 = getattr(getattr(self.blocks, "2").body, "6")(blocks_2_body_5);  blocks_2_body_5 = None
    blocks_2_body_7 = getattr(getattr(self.blocks, "2").body, "7")(blocks_2_body_6);  blocks_2_body_6 = None
    blocks_2_shortcut = getattr(self.blocks, "2").shortcut(relu_1);  relu_1 = None
    add_2 = blocks_2_body_7 + blocks_2_shortcut;  blocks_2_body_7 = blocks_2_shortcut = None
    relu_2 = torch.nn.functional.relu(add_2, inplace = False);  add_2 = None
    max_pool1d = torch.nn.functional.max_pool1d(relu_2, 2, stride = None, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  relu_2 = None
    norm = self.norm(max_pool1d);  max_pool1d = None
    tcn_0_dw = getattr(self.tcn, "0").dw(norm)
    tcn_0_pw = getattr(self.tcn, "0").pw(tcn_0_dw);  tcn_0_dw = None
    tcn_0_bn = getattr(self.tcn, "0").bn(tcn_0_pw);  tcn_0_pw = None
    add_3 = norm + tcn_0_bn;  norm = tcn_0_bn = None
    relu6 = torch.nn.functional.relu6(add_3, inplace = False);  add_3 = None
    tcn_0_down = getattr(self.tcn, "0").down(relu6);  relu6 = None
    tcn_1_dw = getattr(self.tcn, "1").dw(tcn_0_down)
    tcn_1_pw = getattr(self.tcn, "1").pw(tcn_1_dw);  tcn_1_dw = None
    tcn_1_bn = getattr(self.tcn, "1").bn(tcn_1_pw);  tcn_1_pw = None
    add_4 = tcn_0_down + tcn_1_bn;  tcn_0_down = tcn_1_bn = None
    relu6_1 = torch.nn.functional.relu6(add_4, inplace = False);  add_4 = None
    tcn_1_down = getattr(self.tcn, "1").down(relu6_1);  relu6_1 = None
    tcn_2_dw = getattr(self.tcn, "2").dw(tcn_1_down)
    tcn_2_pw = getattr(self.tcn, "2").pw(tcn_2_dw);  tcn_2_dw = None
    tcn_2_bn = getattr(self.tcn, "2").bn(tcn_2_pw);  tcn_2_pw = None
    add_5 = tcn_1_down + tcn_2_bn;  tcn_1_down = tcn_2_bn = None
    relu6_2 = torch.nn.functional.relu6(add_5, inplace = False);  add_5 = None
    tcn_2_down = getattr(self.tcn, "2").down(relu6_2);  relu6_2 = None
    relu_3 = torch.nn.functional.relu(tcn_2_down, inplace = False);  tcn_2_down = None
    smooth = self.smooth(relu_3);  relu_3 = None
    gap = self.gap(smooth)
    flatten = gap.flatten(1);  gap = None
    max_pool1d_1 = torch.nn.functional.max_pool1d(smooth, 3, stride = 2, padding = 0, dilation = 1, ceil_mode = True, return_indices = False);  smooth = None
    adaptive_avg_pool1d = torch.adaptive_avg_pool1d(max_pool1d_1, 1);  max_pool1d_1 = None
    squeeze = adaptive_avg_pool1d.squeeze(-1);  adaptive_avg_pool1d = None
    cat = torch.cat([flatten, squeeze], dim = 1);  flatten = squeeze = None
    head_0 = getattr(self.head, "0")(cat);  cat = None
    head_1 = getattr(self.head, "1")(head_0);  head_0 = None
    head_2 = getattr(self.head, "2")(head_1);  head_1 = None
    head_3 = getattr(self.head, "3")(head_2);  head_2 = None
    head_4 = getattr(self.head, "4")(head_3);  head_3 = None
    return head_4
    
