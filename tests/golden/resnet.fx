ResNet(
  (conv1): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
  (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (layer1): Module(
    (0): Module(
      (conv1): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (layer2): Module(
    (0): Module(
      (conv1): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (shortcut): Module(
        (0): Conv2d(16, 32, kernel_size=(1, 1), stride=(2, 2), bias=False)
        (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
  )
  (layer3): Module(
    (0): Module(
      (conv1): Conv2d(32, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (shortcut): Module(
        (0): Conv2d(32, 64, kernel_size=(1, 1), stride=(2, 2), bias=False)
        (1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
  )
  (linear): Linear(in_features=64, out_features=10, bias=True)
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    bn1 = self.bn1(conv1);  conv1 = None
    relu = torch.nn.functional.relu(bn1, inplace = False);  bn1 = None
    layer1_0_conv1 = getattr(self.layer1, "0").conv1(relu)
    layer1_0_bn1 = getattr(self.layer1, "0").bn1(layer1_0_conv1);  layer1_0_conv1 = None
    relu_1 = torch.nn.functional.relu(layer1_0_bn1, inplace = False);  layer1_0_bn1 = None
    layer1_0_conv2 = getattr(self.layer1, "0").conv2(relu_1);  relu_1 = None
    layer1_0_bn2 = getattr(self.layer1, "0").bn2(layer1_0_conv2);  layer1_0_conv2 = None
    add = layer1_0_bn2 + relu;  layer1_0_bn2 = relu = None
    relu_2 = torch.nn.functional.relu(add, inplace = False);  add = None
    layer2_0_conv1 = getattr(self.layer2, "0").conv1(relu_2)
    layer2_0_bn1 = getattr(self.layer2, "0").bn1(layer2_0_conv1);  layer2_0_conv1 = None
    relu_3 = torch.nn.functional.relu(layer2_0_bn1, inplace = False);  layer2_0_bn1 = None
    layer2_0_conv2 = getattr(self.layer2, "0").conv2(relu_3);  relu_3 = None
    layer2_0_bn2 = getattr(self.layer2, "0").bn2(layer2_0_conv2);  layer2_0_conv2 = None
    layer2_0_shortcut_0 = getattr(getattr(self.layer2, "0").shortcut, "0")(relu_2);  relu_2 = None
    layer2_0_shortcut_1 = getattr(getattr(self.layer2, "0").shortcut, "1")(layer2_0_shortcut_0);  layer2_0_shortcut_0 = None
    add_1 = layer2_0_bn2 + layer2_0_shortcut_1;  layer2_0_bn2 = layer2_0_shortcut_1 = None
    relu_4 = torch.nn.functional.relu(add_1, inplace = False);  add_1 = None
    layer3_0_conv1 = getattr(self.layer3, "0").conv1(relu_4)
    layer3_0_bn1 = getattr(self.layer3, "0").bn1(layer3_0_conv1);  layer3_0_conv1 = None
    relu_5 = torch.nn.functional.relu(layer3_0_bn1, inplace = False);  layer3_0_bn1 = None
    layer3_0_conv2 = getattr(self.layer3, "0").conv2(relu_5);  relu_5 = None
    layer3_0_bn2 = getattr(self.layer3, "0").bn2(layer3_0_conv2);  layer3_0_conv2 = None
    layer3_0_shortcut_0 = getattr(getattr(self.layer3, "0").shortcut, "0")(relu_4);  relu_4 = None
    layer3_0_shortcut_1 = getattr(getattr(self.layer3, "0").shortcut, "1")(layer3_0_shortcut_0);  layer3_0_shortcut_0 = None
    add_2 = layer3_0_bn2 + layer3_0_shortcut_1;  layer3_0_bn2 = layer3_0_shortcut_1 = None
    relu_6 = torch.nn.functional.relu(add_2, inplace = False);  add_2 = None
    avg_pool2d = torch._C._nn.avg_pool2d(relu_6, 8);  relu_6 = None
    size = avg_pool2d.size(0)
    view = avg_pool2d.view(size, -1);  avg_pool2d = size = None
    linear = self.linear(view);  view = None
    return linear
    
